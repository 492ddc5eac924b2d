package dev.brindle.bgp.codec.attr;

/** MULTI_EXIT_DISC (RFC 4271 §5.1.4): an unsigned 32-bit metric, lower preferred. */
public record Med(long value) implements PathAttribute {
    public Med {
        Unsigned.check32("MULTI_EXIT_DISC", value);
    }

    @Override
    public int typeCode() {
        return MULTI_EXIT_DISC;
    }
}
