package dev.brindle.bgp.rib;

import dev.brindle.core.IpPrefix;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What we have advertised to one peer (RFC 4271 §3.2), so that a change is sent only when it changes what the peer
 * holds and a withdrawal only for what it holds.
 */
public final class AdjRibOut {
    private final Map<IpPrefix, PathAttributes> advertised = new HashMap<>();

    /** Records {@code attrs} for {@code prefix}; false if the peer already holds exactly that. */
    public boolean advertise(IpPrefix prefix, PathAttributes attrs) {
        return !attrs.equals(advertised.put(prefix, attrs));
    }

    /** Forgets {@code prefix}; false if the peer did not hold it. */
    public boolean withdraw(IpPrefix prefix) {
        return advertised.remove(prefix) != null;
    }

    /** Forgets the prefixes {@code which} selects, so they are all sent again (a route refresh, RFC 2918 §4). */
    public void forget(Predicate<IpPrefix> which) {
        advertised.keySet().removeIf(which);
    }

    public void clear() {
        advertised.clear();
    }

    public int size() {
        return advertised.size();
    }
}
