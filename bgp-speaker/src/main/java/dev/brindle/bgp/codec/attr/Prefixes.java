package dev.brindle.bgp.codec.attr;

import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import java.util.List;

/** Family checks for prefix lists in the model. */
final class Prefixes {
    private Prefixes() {}

    static void requireFamily(String where, List<IpPrefix> prefixes, IpFamily family) {
        for (IpPrefix p : prefixes) {
            if (p.family() != family) {
                throw new IllegalArgumentException(where + " prefix " + p + " is not " + family);
            }
        }
    }
}
