package dev.brindle.cni.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brindle.cni.json.JsonReader;
import dev.brindle.cni.json.JsonWriter;
import org.junit.jupiter.api.Test;

class ResultCodecTest {
    // Shapes as Debian's ptp + host-local print them (cni-facts.md §1.4), plus 1.1.0 extras.
    private static final String V110 =
            "{\"cniVersion\":\"1.1.0\",\"interfaces\":[{\"name\":\"brl1\",\"mac\":\"ee:ee:ee:ee:ee:ee\",\"mtu\":1400},"
                    + "{\"name\":\"eth0\",\"mac\":\"fa:a8:39:8f:1a:bb\",\"mtu\":1400,\"sandbox\":\"/run/netns/p\",\"socketPath\":\"/s\"}],"
                    + "\"ips\":[{\"interface\":1,\"address\":\"10.244.0.2/32\"}],"
                    + "\"routes\":[{\"dst\":\"0.0.0.0/0\",\"gw\":\"169.254.1.1\",\"scope\":0,\"mtu\":1300}],"
                    + "\"dns\":{\"nameservers\":[\"10.96.0.10\"]}}";

    @Test
    void printsEachVersionInItsShape() {
        Result r = ResultCodec.parse(JsonReader.parseObject(V110));
        assertThat(JsonWriter.write(ResultCodec.toJson(r, CniVersion.V1_1_0))).isEqualTo(V110);
        assertThat(JsonWriter.write(ResultCodec.toJson(r, CniVersion.V1_0_0)))
                .isEqualTo(
                        "{\"cniVersion\":\"1.0.0\",\"interfaces\":[{\"name\":\"brl1\",\"mac\":\"ee:ee:ee:ee:ee:ee\"},"
                                + "{\"name\":\"eth0\",\"mac\":\"fa:a8:39:8f:1a:bb\",\"sandbox\":\"/run/netns/p\"}],"
                                + "\"ips\":[{\"interface\":1,\"address\":\"10.244.0.2/32\"}],"
                                + "\"routes\":[{\"dst\":\"0.0.0.0/0\",\"gw\":\"169.254.1.1\"}],"
                                + "\"dns\":{\"nameservers\":[\"10.96.0.10\"]}}");
        for (CniVersion old : new CniVersion[] {CniVersion.V0_3_0, CniVersion.V0_3_1, CniVersion.V0_4_0}) {
            assertThat(JsonWriter.write(ResultCodec.toJson(r, old)))
                    .startsWith("{\"cniVersion\":\"" + old.text() + "\"")
                    .contains("\"ips\":[{\"version\":\"4\",\"interface\":1,\"address\":\"10.244.0.2/32\"}]")
                    .doesNotContain("mtu")
                    .doesNotContain("socketPath");
        }
    }

    @Test
    void readsTheOldVersionFieldAndAbbreviatedIpamResults() {
        Result r = ResultCodec.parse(JsonReader.parseObject("{\"cniVersion\":\"0.3.1\",\"ips\":[{\"version\":\"4\","
                + "\"address\":\"10.22.0.5/16\",\"gateway\":\"10.22.0.1\"},{\"version\":\"6\",\"address\":\"fd00::5/64\"}],"
                + "\"dns\":{}}"));
        assertThat(r.interfaces()).isEmpty();
        assertThat(r.ips()).hasSize(2);
        assertThat(r.ips().get(0).gateway()).isPresent();
        assertThat(JsonWriter.write(ResultCodec.toJson(r, CniVersion.V0_4_0)))
                .isEqualTo("{\"cniVersion\":\"0.4.0\",\"ips\":[{\"version\":\"4\",\"address\":\"10.22.0.5/16\","
                        + "\"gateway\":\"10.22.0.1\"},{\"version\":\"6\",\"address\":\"fd00::5/64\"}]}");
    }

    @Test
    void aMalformedResultIsADecodeFailure() {
        assertThatThrownBy(() -> ResultCodec.parse(JsonReader.parseObject("{\"ips\":[{\"address\":\"nope\"}]}")))
                .isInstanceOfSatisfying(
                        CniError.class, e -> assertThat(e.code()).isEqualTo(6));
        assertThatThrownBy(() -> ResultCodec.parse(JsonReader.parseObject(
                        "{\"interfaces\":[{\"name\":\"a\"}],\"ips\":[{\"address\":\"10.0.0.1/32\",\"interface\":3}]}")))
                .isInstanceOfSatisfying(
                        CniError.class, e -> assertThat(e.code()).isEqualTo(6))
                .hasMessageContaining("does not index");
    }
}
