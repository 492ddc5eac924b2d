package dev.brindle.bgp.codec.attr;

import dev.brindle.bgp.codec.BgpOpen;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns received AS_PATH/AS4_PATH and AGGREGATOR/AS4_AGGREGATOR into the real 4-octet values (RFC 6793 §4.2.3),
 * and computes the AS4_* attributes to send to an OLD speaker (§4.2.2), so that the rest of the speaker only ever
 * sees {@link AsPath} and {@link Aggregator} at full width.
 */
public final class As4Reconciler {
    private As4Reconciler() {}

    /**
     * The attributes with AS4_PATH / AS4_AGGREGATOR folded in and removed. From a NEW (4-octet) peer they are
     * simply discarded (RFC 6793 §4.1); from an OLD peer: if AGGREGATOR names an AS other than AS_TRANS both are
     * ignored, else AS4_AGGREGATOR replaces AGGREGATOR and AS4_PATH replaces the tail of AS_PATH it covers.
     */
    public static List<PathAttribute> onReceive(List<PathAttribute> attributes, boolean fourOctetSession) {
        Optional<As4Path> as4Path = find(attributes, As4Path.class);
        Optional<As4Aggregator> as4Aggregator = find(attributes, As4Aggregator.class);
        if (as4Path.isEmpty() && as4Aggregator.isEmpty()) {
            return attributes;
        }
        List<PathAttribute> out = new ArrayList<>(attributes.size());
        Optional<Aggregator> aggregator = find(attributes, Aggregator.class);
        boolean ignoreAs4 = fourOctetSession
                || aggregator.map(a -> a.asNumber() != BgpOpen.AS_TRANS).orElse(false);
        for (PathAttribute a : attributes) {
            switch (a) {
                case As4Path p -> {}
                case As4Aggregator ag -> {}
                case AsPath p when !ignoreAs4 && as4Path.isPresent() -> out.add(merge(p, as4Path.get()));
                case Aggregator ag
                when !ignoreAs4 && as4Aggregator.isPresent() ->
                    out.add(new Aggregator(
                            as4Aggregator.get().asNumber(), as4Aggregator.get().address()));
                default -> out.add(a);
            }
        }
        return out;
    }

    /**
     * RFC 6793 §4.2.3: if AS_PATH has fewer ASes than AS4_PATH, AS4_PATH is ignored; otherwise the leading ASes of
     * AS_PATH that AS4_PATH does not cover, followed by AS4_PATH. Confederation segments may not appear in
     * AS4_PATH (§3) and are dropped from it.
     */
    static AsPath merge(AsPath asPath, As4Path as4Path) {
        List<AsPathSegment> as4 = as4Path.segments().stream()
                .filter(s -> !s.type().isConfederation())
                .toList();
        int missing = asPath.pathLength() - new AsPath(as4).pathLength();
        if (missing < 0) {
            return asPath;
        }
        List<AsPathSegment> merged = new ArrayList<>(leading(asPath, missing));
        List<AsPathSegment> tail = new ArrayList<>(as4);
        if (!tail.isEmpty() && joinable(merged, tail.getFirst())) {
            List<Long> joined = new ArrayList<>(merged.removeLast().asns());
            joined.addAll(tail.removeFirst().asns());
            merged.add(new AsPathSegment(AsPathSegment.Type.AS_SEQUENCE, joined));
        }
        merged.addAll(tail);
        return new AsPath(merged);
    }

    /** The first {@code count} ASes of the path, by §9.1.2.2 counting (a set counts one, confed segments none). */
    private static List<AsPathSegment> leading(AsPath path, int count) {
        List<AsPathSegment> out = new ArrayList<>();
        int left = count;
        for (AsPathSegment s : path.segments()) {
            // Leading confederation segments (RFC 5065 §3) never appear in AS4_PATH, so they are always kept.
            if (left == 0 && !s.type().isConfederation()) {
                break;
            }
            if (s.type() == AsPathSegment.Type.AS_SEQUENCE && s.asns().size() > left) {
                out.add(new AsPathSegment(s.type(), s.asns().subList(0, left)));
                left = 0;
            } else {
                out.add(s);
                left -= s.pathLength();
            }
        }
        return out;
    }

    /** True when the kept head of AS_PATH ends in a sequence that {@code next} continues within 255 ASes. */
    private static boolean joinable(List<AsPathSegment> head, AsPathSegment next) {
        return !head.isEmpty()
                && head.getLast().type() == AsPathSegment.Type.AS_SEQUENCE
                && next.type() == AsPathSegment.Type.AS_SEQUENCE
                && head.getLast().asns().size() + next.asns().size() <= AsPathSegment.MAX_ASNS;
    }

    /** The AS4_PATH to send an OLD speaker with {@code path}, when some AS needs 4 octets (RFC 6793 §4.2.2). */
    public static Optional<As4Path> as4PathFor(AsPath path) {
        if (!path.needsFourOctets()) {
            return Optional.empty();
        }
        return Optional.of(new As4Path(path.segments().stream()
                .filter(s -> !s.type().isConfederation())
                .toList()));
    }

    /** The AS4_AGGREGATOR to send an OLD speaker with {@code aggregator}, when its AS needs 4 octets. */
    public static Optional<As4Aggregator> as4AggregatorFor(Aggregator aggregator) {
        return aggregator.asNumber() > 0xffff
                ? Optional.of(new As4Aggregator(aggregator.asNumber(), aggregator.address()))
                : Optional.empty();
    }

    private static <T extends PathAttribute> Optional<T> find(List<PathAttribute> attributes, Class<T> type) {
        for (PathAttribute a : attributes) {
            if (type.isInstance(a)) {
                return Optional.of(type.cast(a));
            }
        }
        return Optional.empty();
    }
}
