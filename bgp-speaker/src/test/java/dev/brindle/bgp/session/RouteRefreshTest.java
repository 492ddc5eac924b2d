package dev.brindle.bgp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RouteRefreshTest {

    @Test
    void eachKindIsFoundByItsRfc7313WireValue() {
        assertThat(RouteRefresh.ofSubtype(0)).isEqualTo(RouteRefresh.REQUEST);
        assertThat(RouteRefresh.ofSubtype(1)).isEqualTo(RouteRefresh.BEGIN);
        assertThat(RouteRefresh.ofSubtype(2)).isEqualTo(RouteRefresh.END);
    }

    @Test
    void anUnknownSubtypeIsRefusedByName() {
        assertThatThrownBy(() -> RouteRefresh.ofSubtype(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subtype 3");
    }
}
