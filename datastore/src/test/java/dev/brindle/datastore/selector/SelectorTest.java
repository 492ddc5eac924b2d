package dev.brindle.datastore.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectorTest {
    private final Map<String, String> labels = Map.of("zone", "a", "kubernetes.io/os", "linux", "rack", "r1");

    private boolean m(String selector) {
        return Selector.parse(selector).matches(labels);
    }

    @Test
    void evaluatesCalicoOperators() {
        assertThat(m("all()")).isTrue();
        assertThat(m("")).isTrue();
        assertThat(m("zone == 'a'")).isTrue();
        assertThat(m("zone == \"b\"")).isFalse();
        assertThat(m("zone != 'b'")).isTrue();
        assertThat(m("missing != 'x'")).isTrue();
        assertThat(m("has(kubernetes.io/os)")).isTrue();
        assertThat(m("!has(rack)")).isFalse();
        assertThat(m("!has(gpu)")).isTrue();
        assertThat(m("zone in {'a', 'c'}")).isTrue();
        assertThat(m("zone in {'b'}")).isFalse();
        assertThat(m("zone not in {'b'}")).isTrue();
        assertThat(m("zone == 'a' && rack == 'r2'")).isFalse();
        assertThat(m("zone == 'b' || rack == 'r1'")).isTrue();
        assertThat(m("zone == 'b' || rack == 'r1' && has(gpu)")).isFalse();
        assertThat(m("(zone == 'b' || rack == 'r1') && !has(gpu)")).isTrue();
        assertThat(m("index == 'x'")).isFalse();
    }

    @Test
    void refusesBadSyntaxWithTheColumn() {
        assertThatThrownBy(() -> Selector.parse("zone = 'a'"))
                .hasMessageContaining("column 6")
                .hasMessageContaining("expected ==, !=, in or not in");
        assertThatThrownBy(() -> Selector.parse("has(zone")).hasMessageContaining("expected ')'");
        assertThatThrownBy(() -> Selector.parse("zone == 'a")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> Selector.parse("global()")).hasMessageContaining("global() is not allowed");
    }

    @Test
    void equalityBySource() {
        assertThat(Selector.parse(" zone == 'a' ")).isEqualTo(Selector.parse("zone == 'a'"));
        assertThat(Selector.parse("zone == 'a'").toString()).isEqualTo("zone == 'a'");
    }
}
