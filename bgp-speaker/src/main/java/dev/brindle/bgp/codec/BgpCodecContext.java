package dev.brindle.bgp.codec;

import dev.brindle.bgp.codec.capability.FourOctetAsCapability;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the OPEN exchange settled for one session and the codec needs: whether both sides support 4-octet AS
 * numbers (RFC 6793 §4: AS_PATH width, AS_TRANS and AS4_PATH toward OLD speakers) and which AFI/SAFIs were
 * negotiated (RFC 4760 §7: NLRI of other families are not parsed).
 */
public record BgpCodecContext(boolean fourOctetAs, Set<AfiSafi> families) {
    /** Before OPENs are exchanged: 2-octet AS, IPv4 unicast, as for an RFC 4271 speaker without capabilities. */
    public static final BgpCodecContext INITIAL = new BgpCodecContext(false, Set.of(AfiSafi.IPV4_UNICAST));

    /** 4-octet AS with IPv4 and IPv6 unicast: what two brindle speakers negotiate. */
    public static final BgpCodecContext FOUR_OCTET_DUAL_STACK =
            new BgpCodecContext(true, Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST));

    public BgpCodecContext {
        families = Set.copyOf(families);
    }

    /** The context two OPENs negotiate: 4-octet AS when both announce it, the families both announce. */
    public static BgpCodecContext negotiate(BgpOpen local, BgpOpen remote) {
        boolean fourOctet = local.capability(FourOctetAsCapability.class).isPresent()
                && remote.capability(FourOctetAsCapability.class).isPresent();
        Set<AfiSafi> common = new LinkedHashSet<>(local.families());
        common.retainAll(remote.families());
        return new BgpCodecContext(fourOctet, common);
    }

    public boolean supports(AfiSafi family) {
        return families.contains(family);
    }
}
