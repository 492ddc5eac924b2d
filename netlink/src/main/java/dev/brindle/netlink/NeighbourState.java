package dev.brindle.netlink;

/** ndm_state bits (linux/neighbour.h NUD_*); a dumped entry carries exactly one. */
public enum NeighbourState {
    INCOMPLETE(0x01),
    REACHABLE(0x02),
    STALE(0x04),
    DELAY(0x08),
    PROBE(0x10),
    FAILED(0x20),
    NOARP(0x40),
    PERMANENT(0x80),
    NONE(0x00);

    private final int bits;

    NeighbourState(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    public static NeighbourState ofBits(int bits) {
        for (NeighbourState s : values()) {
            if (s.bits != 0 && (bits & s.bits) != 0) {
                return s;
            }
        }
        return NONE;
    }
}
