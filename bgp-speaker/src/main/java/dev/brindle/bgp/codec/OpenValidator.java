package dev.brindle.bgp.codec;

import dev.brindle.bgp.codec.capability.Capability;
import dev.brindle.bgp.codec.capability.CapabilityCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.Inet4Address;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * The OPEN checks of RFC 4271 §6.2 that depend on what the session expects, as functions a session calls after
 * {@link BgpFrameDecoder} has delivered the peer's {@link BgpOpen} (the version is already checked by the parser).
 * Each throws {@link BgpProtocolException} with the NOTIFICATION to send.
 */
public final class OpenValidator {
    private OpenValidator() {}

    /**
     * What a session expects of its peer's OPEN.
     *
     * @param localAs our AS; a peer in the same AS is internal
     * @param expectedPeerAs the configured remote AS, or empty to accept any non-zero AS
     * @param localId our BGP Identifier; an internal peer may not use it (RFC 6286 §2.2)
     * @param required capabilities the peer must announce; matched by {@link Capability#code()} and, for
     *     multiprotocol, by family
     */
    public record Expectations(
            long localAs, OptionalLong expectedPeerAs, Inet4Address localId, List<Capability> required) {
        public Expectations {
            required = List.copyOf(required);
        }
    }

    /** All checks in the order of §6.2: optional parameters, peer AS, BGP Identifier, hold time, capabilities. */
    public static void validate(BgpOpen open, Expectations expected) {
        checkOptionalParameters(open);
        checkPeerAs(open, expected.expectedPeerAs());
        checkBgpIdentifier(open, expected.localId(), open.asNumber() == expected.localAs());
        checkHoldTime(open);
        checkRequiredCapabilities(open, expected.required());
    }

    /** RFC 4271 §6.2: an optional parameter other than Capabilities (RFC 5492) is 2/4 Unsupported Optional Parameter. */
    public static void checkOptionalParameters(BgpOpen open) {
        if (!open.otherParameters().isEmpty()) {
            BgpOpen.OptionalParameter p = open.otherParameters().getFirst();
            throw new BgpProtocolException(
                    BgpError.UNSUPPORTED_OPTIONAL_PARAMETER,
                    "optional parameter type " + p.type() + " is not supported");
        }
    }

    /**
     * RFC 4271 §6.2: 2/2 Bad Peer AS when the sender's AS (the 4-octet capability's value when present, RFC 6793
     * §4.1) is not the configured one; AS 0 is always bad (RFC 7607 §2).
     */
    public static void checkPeerAs(BgpOpen open, OptionalLong expectedPeerAs) {
        long as = open.asNumber();
        if (as == 0 || open.myAs() == 0) {
            throw new BgpProtocolException(BgpError.BAD_PEER_AS, "peer announces AS 0 (RFC 7607 §2)");
        }
        if (expectedPeerAs.isPresent() && expectedPeerAs.getAsLong() != as) {
            throw new BgpProtocolException(
                    BgpError.BAD_PEER_AS, "peer announces AS " + as + ", configured " + expectedPeerAs.getAsLong());
        }
    }

    /**
     * RFC 4271 §6.2: 2/3 Bad BGP Identifier for 0.0.0.0 (RFC 6286 §2.1 relaxes the rest of the syntax); on an iBGP
     * session also for our own identifier (RFC 6286 §2.2).
     */
    public static void checkBgpIdentifier(BgpOpen open, Inet4Address localId, boolean internal) {
        byte[] id = open.bgpIdentifier().getAddress();
        if (id[0] == 0 && id[1] == 0 && id[2] == 0 && id[3] == 0) {
            throw new BgpProtocolException(BgpError.BAD_BGP_IDENTIFIER, "BGP Identifier is 0.0.0.0");
        }
        if (internal && open.bgpIdentifier().equals(localId)) {
            throw new BgpProtocolException(
                    BgpError.BAD_BGP_IDENTIFIER, "iBGP peer uses our BGP Identifier " + localId.getHostAddress());
        }
    }

    /** RFC 4271 §6.2: hold time 1 or 2 seconds is 2/6 Unacceptable Hold Time (0 means no keepalives). */
    public static void checkHoldTime(BgpOpen open) {
        if (open.holdTime() == 1 || open.holdTime() == 2) {
            throw new BgpProtocolException(
                    BgpError.UNACCEPTABLE_HOLD_TIME, "hold time " + open.holdTime() + " s: must be 0 or at least 3");
        }
    }

    /**
     * RFC 5492 §5: when the peer lacks a capability we require, 2/7 Unsupported Capability with the missing
     * capabilities as data.
     */
    public static void checkRequiredCapabilities(BgpOpen open, List<Capability> required) {
        List<Capability> missing =
                required.stream().filter(Predicate.not(r -> announces(open, r))).toList();
        if (missing.isEmpty()) {
            return;
        }
        ByteBuf data = Unpooled.buffer();
        CapabilityCodec.writeAll(data, missing);
        throw new BgpProtocolException(
                BgpError.UNSUPPORTED_CAPABILITY, ByteBufUtil.getBytes(data), "peer lacks required " + missing);
    }

    private static boolean announces(BgpOpen open, Capability required) {
        return open.capabilities().stream()
                .anyMatch(c -> c.code() == required.code()
                        && (required.code() != Capability.MULTIPROTOCOL || c.equals(required)));
    }
}
