package dev.brindle.bgp.codec;

import dev.brindle.bgp.codec.capability.Capability;
import dev.brindle.bgp.codec.capability.FourOctetAsCapability;
import dev.brindle.bgp.codec.capability.MultiprotocolCapability;
import java.net.Inet4Address;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * OPEN (RFC 4271 §4.2): version, My AS (2 octets), Hold Time, BGP Identifier, and optional parameters. The
 * capabilities of every Capabilities parameter (type 2, RFC 5492 §4) are collected in order; any other parameter
 * type is kept in {@link #otherParameters()} so that {@link OpenValidator} can reject it with 2/4.
 */
public record BgpOpen(
        int version,
        int myAs,
        int holdTime,
        Inet4Address bgpIdentifier,
        List<Capability> capabilities,
        List<OptionalParameter> otherParameters)
        implements BgpMessage {
    public static final int VERSION = 4;
    /** The 2-octet stand-in for a 4-octet AS number (RFC 6793 §9). */
    public static final int AS_TRANS = 23456;

    public BgpOpen {
        checkRange("version", version, 0xff);
        checkRange("My AS", myAs, 0xffff);
        checkRange("hold time", holdTime, 0xffff);
        capabilities = List.copyOf(capabilities);
        otherParameters = List.copyOf(otherParameters);
    }

    /**
     * A version-4 OPEN for {@code asNumber}: My AS is the AS itself when it fits 2 octets, AS_TRANS otherwise (RFC
     * 6793 §4.1). The caller includes a {@link FourOctetAsCapability} among the capabilities.
     */
    public static BgpOpen create(long asNumber, int holdTime, Inet4Address bgpIdentifier, List<Capability> caps) {
        int myAs = asNumber <= 0xffff ? (int) asNumber : AS_TRANS;
        return new BgpOpen(VERSION, myAs, holdTime, bgpIdentifier, caps, List.of());
    }

    /** A non-capability optional parameter (RFC 4271 §4.2), kept only to be refused. */
    public record OptionalParameter(int type, Octets value) {}

    /** The sender's AS: the 4-octet AS capability's value if present (RFC 6793 §4.1), else My AS. */
    public long asNumber() {
        return capability(FourOctetAsCapability.class)
                .map(FourOctetAsCapability::asNumber)
                .orElse((long) myAs);
    }

    /** The first capability of this type. */
    public <T extends Capability> Optional<T> capability(Class<T> type) {
        return capabilities.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /**
     * The families the sender announced with multiprotocol capabilities; IPv4 unicast when it announced none, as an
     * OPEN without capability 1 implies (RFC 4760 §8, RFC 4271 speakers).
     */
    public Set<AfiSafi> families() {
        Set<AfiSafi> families = new LinkedHashSet<>();
        for (Capability c : capabilities) {
            if (c instanceof MultiprotocolCapability mp) {
                families.add(mp.afiSafi());
            }
        }
        return families.isEmpty() ? Set.of(AfiSafi.IPV4_UNICAST) : families;
    }

    private static void checkRange(String field, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException("OPEN " + field + " " + value + " is outside 0.." + max);
        }
    }

    @Override
    public BgpMessageType type() {
        return BgpMessageType.OPEN;
    }
}
