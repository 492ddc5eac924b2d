package dev.brindle.bgp.codec;

import dev.brindle.bgp.codec.attr.MpReachNlri;
import dev.brindle.bgp.codec.attr.MpUnreachNlri;
import dev.brindle.bgp.codec.attr.PathAttribute;
import dev.brindle.bgp.codec.attr.UpdateErrorAction;
import dev.brindle.bgp.codec.attr.UpdateProblem;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import java.util.ArrayList;
import java.util.List;

/**
 * A received UPDATE after RFC 7606 error handling: {@link #parsed()} holds what parsed cleanly (malformed and
 * discarded attributes left out), {@link #action()} the strongest approach its {@link #problems()} call for. A
 * session reset never produces a result: the parser throws {@link BgpProtocolException} instead.
 */
public record UpdateDecodeResult(BgpUpdate parsed, UpdateErrorAction action, List<UpdateProblem> problems) {

    public UpdateDecodeResult {
        problems = List.copyOf(problems);
        if (action == UpdateErrorAction.SESSION_RESET) {
            throw new IllegalArgumentException("a session reset is thrown as BgpProtocolException, not returned");
        }
    }

    /**
     * The UPDATE the RIB should apply. For treat-as-withdraw (RFC 7606 §2) every prefix the UPDATE announced,
     * in the body or in MP_REACH_NLRI, becomes a withdrawal and no attributes remain; otherwise it is
     * {@link #parsed()}.
     */
    public BgpUpdate effective() {
        if (action != UpdateErrorAction.TREAT_AS_WITHDRAW) {
            return parsed;
        }
        List<IpPrefix> v4 = new ArrayList<>(parsed.withdrawn());
        v4.addAll(parsed.nlri());
        List<IpPrefix> v6 = new ArrayList<>();
        for (PathAttribute a : parsed.attributes()) {
            List<IpPrefix> prefixes = switch (a) {
                case MpReachNlri r -> r.nlri();
                case MpUnreachNlri u -> u.withdrawn();
                default -> List.of();
            };
            for (IpPrefix p : prefixes) {
                (p.family() == IpFamily.V4 ? v4 : v6).add(p);
            }
        }
        List<PathAttribute> attributes =
                v6.isEmpty() ? List.of() : List.of(new MpUnreachNlri(AfiSafi.IPV6_UNICAST, v6));
        return new BgpUpdate(v4, attributes, List.of());
    }
}
