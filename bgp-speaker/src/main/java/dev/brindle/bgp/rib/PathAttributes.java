package dev.brindle.bgp.rib;

import dev.brindle.bgp.codec.attr.AsPath;
import dev.brindle.bgp.codec.attr.Origin;
import dev.brindle.bgp.codec.attr.UnknownAttribute;
import java.net.InetAddress;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The path attributes of a route as the RIB and the decision process see them (RFC 4271 §5, RFC 1997, RFC 4456).
 * Unrecognised optional transitive attributes ride along in {@code opaque}, and the codec's
 * attribute values ({@link Origin}, {@link AsPath}) are reused as they are.
 */
public record PathAttributes(
        Origin origin,
        AsPath asPath,
        InetAddress nextHop,
        OptionalLong med,
        OptionalLong localPref,
        List<Long> communities,
        OptionalInt originatorId,
        List<Integer> clusterList,
        List<UnknownAttribute> opaque) {

    /** RFC 4271 §5.1.5: the LOCAL_PREF we assume for iBGP routes without one, and send for our own. */
    public static final long DEFAULT_LOCAL_PREF = 100;

    public PathAttributes {
        communities = List.copyOf(communities);
        clusterList = List.copyOf(clusterList);
        opaque = List.copyOf(opaque);
    }

    /** What the node announces for one of its own blocks: ORIGIN IGP, empty AS_PATH, its own next hop. */
    public static PathAttributes originated(InetAddress nextHop) {
        return new PathAttributes(
                Origin.IGP,
                AsPath.EMPTY,
                nextHop,
                OptionalLong.empty(),
                OptionalLong.of(DEFAULT_LOCAL_PREF),
                List.of(),
                OptionalInt.empty(),
                List.of(),
                List.of());
    }

    public long effectiveLocalPref() {
        return localPref.orElse(DEFAULT_LOCAL_PREF);
    }

    public PathAttributes withNextHop(InetAddress hop) {
        return new PathAttributes(origin, asPath, hop, med, localPref, communities, originatorId, clusterList, opaque);
    }

    public PathAttributes withAsPath(AsPath path) {
        return new PathAttributes(
                origin, path, nextHop, med, localPref, communities, originatorId, clusterList, opaque);
    }

    public PathAttributes withLocalPref(OptionalLong pref) {
        return new PathAttributes(origin, asPath, nextHop, med, pref, communities, originatorId, clusterList, opaque);
    }

    public PathAttributes withMed(OptionalLong newMed) {
        return new PathAttributes(
                origin, asPath, nextHop, newMed, localPref, communities, originatorId, clusterList, opaque);
    }

    public PathAttributes withReflection(OptionalInt originator, List<Integer> clusters) {
        return new PathAttributes(origin, asPath, nextHop, med, localPref, communities, originator, clusters, opaque);
    }

    public PathAttributes withOpaque(List<UnknownAttribute> attrs) {
        return new PathAttributes(
                origin, asPath, nextHop, med, localPref, communities, originatorId, clusterList, attrs);
    }
}
