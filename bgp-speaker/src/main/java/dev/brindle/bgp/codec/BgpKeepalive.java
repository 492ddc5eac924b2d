package dev.brindle.bgp.codec;

/** KEEPALIVE: the header alone, 19 bytes (RFC 4271 §4.4). */
public record BgpKeepalive() implements BgpMessage {
    public static final BgpKeepalive INSTANCE = new BgpKeepalive();

    @Override
    public BgpMessageType type() {
        return BgpMessageType.KEEPALIVE;
    }
}
