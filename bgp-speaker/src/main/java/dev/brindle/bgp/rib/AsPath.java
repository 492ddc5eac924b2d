package dev.brindle.bgp.rib;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** The AS_PATH attribute with 4-octet AS numbers (RFC 6793 merged view). Empty for routes originated in our AS. */
public record AsPath(List<AsPathSegment> segments) {
    public static final AsPath EMPTY = new AsPath(List.of());

    public AsPath {
        segments = List.copyOf(segments);
    }

    public static AsPath sequence(long... asns) {
        List<Long> list = new ArrayList<>();
        for (long a : asns) {
            list.add(a);
        }
        return list.isEmpty() ? EMPTY : new AsPath(List.of(new AsPathSegment(false, list)));
    }

    public int pathLength() {
        return segments.stream().mapToInt(AsPathSegment::pathLength).sum();
    }

    public boolean contains(long asn) {
        return segments.stream().anyMatch(s -> s.asns().contains(asn));
    }

    /** The neighbouring AS: the first AS of a leading AS_SEQUENCE (RFC 4271 §9.1.2.2 c, for MED comparison). */
    public OptionalLong neighbourAs() {
        if (segments.isEmpty() || segments.getFirst().set()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(segments.getFirst().asns().getFirst());
    }

    /** RFC 4271 §5.1.2: an eBGP speaker prepends its own AS, opening a new sequence if the first is full or a set. */
    public AsPath prepend(long asn) {
        List<AsPathSegment> out = new ArrayList<>(segments);
        if (!out.isEmpty() && !out.getFirst().set() && out.getFirst().asns().size() < 255) {
            List<Long> first = new ArrayList<>(out.getFirst().asns());
            first.addFirst(asn);
            out.set(0, new AsPathSegment(false, first));
        } else {
            out.addFirst(new AsPathSegment(false, List.of(asn)));
        }
        return new AsPath(out);
    }
}
