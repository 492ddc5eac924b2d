package dev.brindle.bgp.codec;

import dev.brindle.bgp.codec.capability.FourOctetAsCapability;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the OPEN exchange settled for one session and the codec needs: whether both sides support 4-octet AS
 * numbers (RFC 6793 §4: AS_PATH width, AS_TRANS and AS4_PATH toward OLD speakers), which AFI/SAFIs were
 * negotiated (RFC 4760 §7: NLRI of other families are not parsed), and whether the peer is external (RFC 7606
 * §7.5, §7.9, §7.10: LOCAL_PREF, ORIGINATOR_ID and CLUSTER_LIST from an eBGP peer are discarded).
 */
public record BgpCodecContext(boolean fourOctetAs, Set<AfiSafi> families, boolean external) {
    /** Before OPENs are exchanged: 2-octet AS, IPv4 unicast, as for an RFC 4271 speaker without capabilities. */
    public static final BgpCodecContext INITIAL = new BgpCodecContext(false, Set.of(AfiSafi.IPV4_UNICAST), false);

    /** iBGP with 4-octet AS and IPv4 and IPv6 unicast: what two brindle speakers negotiate. */
    public static final BgpCodecContext FOUR_OCTET_DUAL_STACK =
            new BgpCodecContext(true, Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST), false);

    /** Netty channel attribute through which the session hands the negotiated context to the codec handlers. */
    public static final AttributeKey<BgpCodecContext> CHANNEL_KEY = AttributeKey.valueOf("brindle.bgp.codecContext");

    public BgpCodecContext {
        families = Set.copyOf(families);
    }

    /**
     * The context two OPENs negotiate: 4-octet AS when both announce it, the families both announce, external when
     * the two AS numbers differ.
     */
    public static BgpCodecContext negotiate(BgpOpen local, BgpOpen remote) {
        boolean fourOctet = local.capability(FourOctetAsCapability.class).isPresent()
                && remote.capability(FourOctetAsCapability.class).isPresent();
        Set<AfiSafi> common = new LinkedHashSet<>(local.families());
        common.retainAll(remote.families());
        return new BgpCodecContext(fourOctet, common, local.asNumber() != remote.asNumber());
    }

    /** The context a channel's session has set, or {@link #INITIAL} before it has. */
    public static BgpCodecContext of(Channel channel) {
        BgpCodecContext ctx = channel.attr(CHANNEL_KEY).get();
        return ctx == null ? INITIAL : ctx;
    }

    /** Makes the channel's codec handlers use this context from the next message on. */
    public void applyTo(Channel channel) {
        channel.attr(CHANNEL_KEY).set(this);
    }

    public boolean supports(AfiSafi family) {
        return families.contains(family);
    }
}
