package dev.brindle.bgp.codec.attr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * AS_PATH (RFC 4271 §5.1.2) with every AS number at full 4-octet width. Toward a peer without the 4-octet AS
 * capability the encoder writes 2-octet numbers with AS_TRANS and adds AS4_PATH; on receipt from such a peer the
 * decoder merges AS4_PATH back in (RFC 6793 §4.2), so this record always holds the real path.
 */
public record AsPath(List<AsPathSegment> segments) implements PathAttribute {
    public static final AsPath EMPTY = new AsPath(List.of());

    public AsPath {
        segments = List.copyOf(segments);
    }

    public static AsPath of(AsPathSegment... segments) {
        return new AsPath(List.of(segments));
    }

    /** The path length used by route selection (RFC 4271 §9.1.2.2 a). */
    public int pathLength() {
        return segments.stream().mapToInt(AsPathSegment::pathLength).sum();
    }

    /** True when any segment holds {@code asNumber} (eBGP loop detection, RFC 4271 §9.1.2). */
    public boolean contains(long asNumber) {
        return segments.stream().anyMatch(s -> s.asns().contains(asNumber));
    }

    /** The neighbouring AS: the first AS of a leading AS_SEQUENCE (RFC 4271 §9.1.2.2 c, for MED comparison). */
    public Optional<Long> firstAs() {
        if (segments.isEmpty() || segments.getFirst().type() != AsPathSegment.Type.AS_SEQUENCE) {
            return Optional.empty();
        }
        return Optional.of(segments.getFirst().asns().getFirst());
    }

    /** This path with {@code asNumber} prepended as eBGP requires (RFC 4271 §5.1.2), opening a segment if needed. */
    public AsPath prepend(long asNumber) {
        List<AsPathSegment> out = new ArrayList<>(segments);
        if (!out.isEmpty()
                && out.getFirst().type() == AsPathSegment.Type.AS_SEQUENCE
                && out.getFirst().asns().size() < AsPathSegment.MAX_ASNS) {
            List<Long> asns = new ArrayList<>(out.getFirst().asns());
            asns.addFirst(asNumber);
            out.set(0, new AsPathSegment(AsPathSegment.Type.AS_SEQUENCE, asns));
        } else {
            out.addFirst(AsPathSegment.sequence(asNumber));
        }
        return new AsPath(out);
    }

    /** True when some AS number needs 4 octets (so an OLD peer must be sent AS_TRANS and AS4_PATH). */
    public boolean needsFourOctets() {
        return segments.stream().flatMap(s -> s.asns().stream()).anyMatch(as -> as > 0xffff);
    }

    @Override
    public int typeCode() {
        return AS_PATH;
    }
}
