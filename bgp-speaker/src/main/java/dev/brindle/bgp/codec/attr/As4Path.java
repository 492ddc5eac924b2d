package dev.brindle.bgp.codec.attr;

import java.util.List;

/**
 * AS4_PATH (RFC 6793 §3): the 4-octet path an OLD (2-octet) speaker passes along next to its AS_TRANS-laden
 * AS_PATH. Appears in a decoded UPDATE only transiently: the decoder merges it into {@link AsPath}.
 */
public record As4Path(List<AsPathSegment> segments) implements PathAttribute {
    public As4Path {
        segments = List.copyOf(segments);
    }

    @Override
    public int typeCode() {
        return AS4_PATH;
    }
}
