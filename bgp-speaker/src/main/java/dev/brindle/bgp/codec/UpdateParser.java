package dev.brindle.bgp.codec;

import static dev.brindle.bgp.codec.attr.PathAttribute.*;

import dev.brindle.bgp.codec.attr.As4Reconciler;
import dev.brindle.bgp.codec.attr.AsPath;
import dev.brindle.bgp.codec.attr.AsPathSegment;
import dev.brindle.bgp.codec.attr.Malformation;
import dev.brindle.bgp.codec.attr.MalformedAttributeException;
import dev.brindle.bgp.codec.attr.MpReachNlri;
import dev.brindle.bgp.codec.attr.PathAttribute;
import dev.brindle.bgp.codec.attr.PathAttributeCodec;
import dev.brindle.bgp.codec.attr.UpdateErrorAction;
import dev.brindle.bgp.codec.attr.UpdateErrorDecision;
import dev.brindle.bgp.codec.attr.UpdateProblem;
import dev.brindle.core.IpPrefix;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Parses one UPDATE body with the revised error handling of RFC 7606: every error becomes an
 * {@link UpdateProblem} judged by {@link dev.brindle.bgp.codec.attr.UpdateErrorPolicy}; the strongest decision
 * wins (§3 j); a session reset is thrown as {@link BgpProtocolException}. One instance per message.
 */
final class UpdateParser {
    private final ByteBuf body;
    private final BgpCodecContext ctx;
    private final List<UpdateProblem> problems = new ArrayList<>();
    private final List<PathAttribute> attributes = new ArrayList<>();
    private final BitSet seen = new BitSet(256);
    private UpdateErrorAction action = UpdateErrorAction.NONE;
    private byte[] resetData = new byte[0];

    UpdateParser(ByteBuf body, BgpCodecContext ctx) {
        this.body = body;
        this.ctx = ctx;
    }

    UpdateDecodeResult parse() {
        int withdrawnLength = body.readUnsignedShort();
        if (withdrawnLength > body.readableBytes() - 2) {
            fail(0, Malformation.LENGTHS_OVERRUN, "withdrawn routes length " + withdrawnLength + " exceeds the UPDATE");
        }
        List<IpPrefix> withdrawn = UpdateCodec.readIpv4Prefixes(body, withdrawnLength);
        int attributesLength = body.readUnsignedShort();
        if (attributesLength > body.readableBytes()) {
            fail(0, Malformation.LENGTHS_OVERRUN, "total attribute length " + attributesLength + " exceeds the UPDATE");
        }
        parseAttributes(body.readSlice(attributesLength));
        List<IpPrefix> nlri = UpdateCodec.readIpv4Prefixes(body, body.readableBytes());
        checkMandatory(nlri);
        if (action == UpdateErrorAction.SESSION_RESET) {
            throw reset();
        }
        List<PathAttribute> reconciled = As4Reconciler.onReceive(attributes, ctx.fourOctetAs());
        return new UpdateDecodeResult(new BgpUpdate(withdrawn, reconciled, nlri), action, problems);
    }

    private void parseAttributes(ByteBuf section) {
        while (section.isReadable()) {
            int start = section.readerIndex();
            if (section.readableBytes() < 3) {
                report(0, Malformation.ATTRIBUTE_OVERRUN, "attribute header truncated", section, start);
                return;
            }
            int flags = section.readUnsignedByte();
            int type = section.readUnsignedByte();
            int headerRest = (flags & FLAG_EXTENDED_LENGTH) != 0 ? 2 : 1;
            if (section.readableBytes() < headerRest) {
                report(type, Malformation.ATTRIBUTE_OVERRUN, "attribute length truncated", section, start);
                return;
            }
            int length = headerRest == 2 ? section.readUnsignedShort() : section.readUnsignedByte();
            if (length > section.readableBytes()) {
                report(
                        type,
                        Malformation.ATTRIBUTE_OVERRUN,
                        "attribute length " + length + " overruns",
                        section,
                        start);
                return;
            }
            ByteBuf value = section.readSlice(length);
            parseOne(flags, type, value, section, start);
        }
    }

    private void parseOne(int flags, int type, ByteBuf value, ByteBuf section, int start) {
        if (seen.get(type)) {
            report(type, Malformation.DUPLICATE, "attribute type " + type + " repeated", section, start);
            return;
        }
        seen.set(type);
        try {
            PathAttribute attribute = PathAttributeCodec.parse(flags, type, value, ctx);
            if (ctx.external() && internalOnly(attribute)) {
                report(
                        type,
                        Malformation.FROM_EXTERNAL_PEER,
                        "attribute " + type + " from an eBGP peer",
                        section,
                        start);
                return;
            }
            attributes.add(attribute);
        } catch (MalformedAttributeException e) {
            report(type, e.kind(), e.getMessage(), section, start);
        }
    }

    /** RFC 7606 §7.2, §7.5, §7.9, §7.10: what an eBGP peer may not send. */
    private static boolean internalOnly(PathAttribute a) {
        return switch (a) {
            case AsPath p ->
                p.segments().stream()
                        .anyMatch(s -> s.type() == AsPathSegment.Type.AS_CONFED_SEQUENCE
                                || s.type() == AsPathSegment.Type.AS_CONFED_SET);
            default -> a.typeCode() == LOCAL_PREF || a.typeCode() == ORIGINATOR_ID || a.typeCode() == CLUSTER_LIST;
        };
    }

    /**
     * RFC 7606 §3 d: ORIGIN and AS_PATH must come with any NLRI, NEXT_HOP with NLRI in the body (RFC 4760 §3 makes
     * it unnecessary for MP_REACH_NLRI alone). An attribute already found malformed is not reported twice.
     */
    private void checkMandatory(List<IpPrefix> nlri) {
        boolean mpNlri = attributes.stream()
                .anyMatch(a -> a instanceof MpReachNlri r && !r.nlri().isEmpty());
        if (nlri.isEmpty() && !mpNlri) {
            return;
        }
        requirePresent(ORIGIN);
        requirePresent(AS_PATH);
        if (!nlri.isEmpty()) {
            requirePresent(NEXT_HOP);
        }
    }

    private void requirePresent(int type) {
        if (!seen.get(type)) {
            problem(UpdateProblem.of(
                    type, Malformation.MISSING, "well-known mandatory attribute " + type + " missing"));
        }
    }

    private void report(int type, Malformation kind, String detail, ByteBuf section, int start) {
        UpdateProblem p = UpdateProblem.of(type, kind, detail);
        if (p.decision().action() == UpdateErrorAction.SESSION_RESET && action != UpdateErrorAction.SESSION_RESET) {
            // RFC 4271 §6.3: the NOTIFICATION data is the erroneous attribute (type, length, value).
            resetData = new byte[section.readerIndex() - start];
            section.getBytes(start, resetData);
        }
        problem(p);
    }

    private void problem(UpdateProblem p) {
        problems.add(p);
        action = action.strongest(p.decision().action());
    }

    private void fail(int type, Malformation kind, String detail) {
        problem(UpdateProblem.of(type, kind, detail));
        throw reset();
    }

    private BgpProtocolException reset() {
        UpdateProblem first = problems.stream()
                .filter(p -> p.decision().action() == UpdateErrorAction.SESSION_RESET)
                .findFirst()
                .orElseThrow();
        UpdateErrorDecision d = first.decision();
        return new BgpProtocolException(d.error(), resetData, first.toString());
    }
}
