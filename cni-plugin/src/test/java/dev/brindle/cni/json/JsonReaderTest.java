package dev.brindle.cni.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

    @Test
    void readsEveryKindOfValue() {
        Map<String, Object> o = JsonReader.parseObject(
                " {\"s\":\"a\\\"b\\u00e9\\n\",\"i\":-12,\"d\":1.5e2,\"t\":true,\"f\":false,\"n\":null,"
                        + "\"a\":[1,{\"x\":[]}],\"o\":{}} ");
        assertThat(o).containsEntry("s", "a\"bé\n").containsEntry("i", -12L).containsEntry("d", 150.0);
        assertThat(o).containsEntry("t", true).containsEntry("f", false).containsEntry("n", null);
        assertThat(o.get("a")).isEqualTo(List.of(1L, Map.of("x", List.of())));
        assertThat(o.get("o")).isEqualTo(Map.of());
        assertThat(o.keySet()).containsExactly("s", "i", "d", "t", "f", "n", "a", "o");
    }

    @Test
    void refusesMalformedInput() {
        for (String bad : List.of(
                "",
                "{",
                "{\"a\":}",
                "{\"a\":1,}",
                "[1 2]",
                "{\"a\":tru}",
                "{} x",
                "{'a':1}",
                "{\"a\":\"\u0001\"}",
                "{\"a\":01.2.3}",
                "{\"a\":\"\\q\"}")) {
            assertThatThrownBy(() -> JsonReader.parse(bad)).as(bad).isInstanceOf(JsonException.class);
        }
        assertThatThrownBy(() -> JsonReader.parseObject("[1]"))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining("an array");
    }

    @Test
    void writerRoundTripsWhatTheReaderReads() {
        String text = "{\"b\":[true,false,null],\"a\":\"q\\\"\\\\\\t\\u0001\",\"n\":4294967295,\"x\":0.25,\"e\":{}}";
        Object parsed = JsonReader.parse(text);
        assertThat(JsonWriter.write(parsed)).isEqualTo(text);
        assertThat(JsonReader.parse(JsonWriter.write(parsed))).isEqualTo(parsed);
    }

    @Test
    void caseInsensitiveLookupFindsGoFieldNames() {
        Map<String, Object> rc = JsonReader.parseObject("{\"HostPort\":30001,\"containerPort\":80}");
        assertThat(JsonValues.getIgnoreCase(rc, "hostPort")).isEqualTo(30001L);
        assertThat(JsonValues.getIgnoreCase(rc, "containerPort")).isEqualTo(80L);
        assertThat(JsonValues.getIgnoreCase(rc, "protocol")).isNull();
    }

    @Test
    void typedAccessNamesTheField() {
        Map<String, Object> o = JsonReader.parseObject("{\"mtu\":\"1500\",\"ipam\":[]}");
        assertThatThrownBy(() -> JsonValues.integer(o, "mtu")).hasMessageContaining("\"mtu\" must be an integer");
        assertThatThrownBy(() -> JsonValues.object(o, "ipam")).hasMessageContaining("\"ipam\" must be an object");
    }

    @Test
    void integersFromJacksonMapsCountAsIntegers() {
        assertThat(JsonValues.integer(Map.of("mtu", 1450), "mtu")).contains(1450L);
        assertThat(JsonValues.integer(Map.of("mtu", 1450L), "mtu")).contains(1450L);
        assertThatThrownBy(() -> JsonValues.integer(Map.of("mtu", 14.5), "mtu"))
                .hasMessageContaining("\"mtu\" must be an integer");
    }
}
