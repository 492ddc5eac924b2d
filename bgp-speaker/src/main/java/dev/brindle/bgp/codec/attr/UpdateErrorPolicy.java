package dev.brindle.bgp.codec.attr;

import static dev.brindle.bgp.codec.attr.PathAttribute.*;
import static dev.brindle.bgp.codec.attr.UpdateErrorAction.ATTRIBUTE_DISCARD;
import static dev.brindle.bgp.codec.attr.UpdateErrorAction.SESSION_RESET;
import static dev.brindle.bgp.codec.attr.UpdateErrorAction.TREAT_AS_WITHDRAW;

import dev.brindle.bgp.codec.BgpError;

/**
 * RFC 7606's revised UPDATE error handling as one pure function: (attribute type, kind of error) → approach. The
 * UPDATE parser reports each error it finds here and applies the strongest decision (RFC 7606 §3 j).
 *
 * <p>Malformed attribute flags count as a malformation of that attribute, so they get the attribute's own approach
 * (RFC 7606 §3 c: "unless the specification for the attribute mandates different handling").
 */
public final class UpdateErrorPolicy {
    private UpdateErrorPolicy() {}

    /** The approach for an error of {@code kind} in attribute {@code typeCode} (0 for message-level errors). */
    public static UpdateErrorDecision decide(int typeCode, Malformation kind) {
        return switch (kind) {
            case LENGTHS_OVERRUN -> reset(BgpError.MALFORMED_ATTRIBUTE_LIST, "RFC 7606 §4: lengths exceed the message");
            case NLRI_SYNTAX -> reset(BgpError.INVALID_NETWORK_FIELD, "RFC 7606 §5.3: NLRI syntactically incorrect");
            case UNRECOGNIZED_WELL_KNOWN ->
                reset(BgpError.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE, "RFC 4271 §6.3: unrecognized well-known attribute");
            case MISSING ->
                decision(
                        TREAT_AS_WITHDRAW,
                        BgpError.MISSING_WELL_KNOWN_ATTRIBUTE,
                        "RFC 7606 §3 d: missing well-known mandatory attribute");
            case DUPLICATE -> duplicate(typeCode);
            case ATTRIBUTE_OVERRUN -> overrun(typeCode);
            case FROM_EXTERNAL_PEER -> fromExternalPeer(typeCode);
            case FLAGS, LENGTH, VALUE -> malformed(typeCode, kind);
        };
    }

    /** RFC 7606 §3 g: a repeated MP_REACH/MP_UNREACH resets; any other repeat keeps the first occurrence. */
    private static UpdateErrorDecision duplicate(int typeCode) {
        if (typeCode == MP_REACH_NLRI || typeCode == MP_UNREACH_NLRI) {
            return reset(BgpError.MALFORMED_ATTRIBUTE_LIST, "RFC 7606 §3 g: MP_REACH/MP_UNREACH_NLRI more than once");
        }
        return decision(
                ATTRIBUTE_DISCARD, BgpError.MALFORMED_ATTRIBUTE_LIST, "RFC 7606 §3 g: repeated attribute discarded");
    }

    /** RFC 7606 §4: NLRI located by Total Attribute Length; an unparsed MP_REACH leaves no NLRI to withdraw. */
    private static UpdateErrorDecision overrun(int typeCode) {
        if (typeCode == MP_REACH_NLRI || typeCode == MP_UNREACH_NLRI) {
            return reset(BgpError.MALFORMED_ATTRIBUTE_LIST, "RFC 7606 §4, §5.3: MP_*_NLRI runs past the attributes");
        }
        return decision(
                TREAT_AS_WITHDRAW,
                BgpError.MALFORMED_ATTRIBUTE_LIST,
                "RFC 7606 §4: attribute runs past the attributes");
    }

    private static UpdateErrorDecision fromExternalPeer(int typeCode) {
        return switch (typeCode) {
            case AS_PATH ->
                decision(
                        TREAT_AS_WITHDRAW,
                        BgpError.MALFORMED_AS_PATH,
                        "RFC 7606 §7.2: confederation segment from eBGP");
            case LOCAL_PREF -> discard(BgpError.ATTRIBUTE_FLAGS_ERROR, "RFC 7606 §7.5: LOCAL_PREF from eBGP");
            case ORIGINATOR_ID -> discard(BgpError.OPTIONAL_ATTRIBUTE_ERROR, "RFC 7606 §7.9: ORIGINATOR_ID from eBGP");
            case CLUSTER_LIST -> discard(BgpError.OPTIONAL_ATTRIBUTE_ERROR, "RFC 7606 §7.10: CLUSTER_LIST from eBGP");
            default -> reset(BgpError.UPDATE_MESSAGE_ERROR, "RFC 4271 §6.3: attribute " + typeCode + " from eBGP");
        };
    }

    private static UpdateErrorDecision malformed(int typeCode, Malformation kind) {
        BgpError lengthOrFlags = switch (kind) {
            case FLAGS -> BgpError.ATTRIBUTE_FLAGS_ERROR;
            case LENGTH -> BgpError.ATTRIBUTE_LENGTH_ERROR;
            default -> BgpError.OPTIONAL_ATTRIBUTE_ERROR;
        };
        return switch (typeCode) {
            case ORIGIN ->
                withdraw(
                        kind == Malformation.VALUE ? BgpError.INVALID_ORIGIN_ATTRIBUTE : lengthOrFlags,
                        "RFC 7606 §7.1: malformed ORIGIN");
            case AS_PATH ->
                withdraw(
                        kind == Malformation.FLAGS ? lengthOrFlags : BgpError.MALFORMED_AS_PATH,
                        "RFC 7606 §7.2: malformed AS_PATH");
            case NEXT_HOP ->
                withdraw(
                        kind == Malformation.FLAGS ? lengthOrFlags : BgpError.INVALID_NEXT_HOP_ATTRIBUTE,
                        "RFC 7606 §7.3: malformed NEXT_HOP");
            case MULTI_EXIT_DISC -> withdraw(lengthOrFlags, "RFC 7606 §7.4: malformed MULTI_EXIT_DISC");
            case LOCAL_PREF -> withdraw(lengthOrFlags, "RFC 7606 §7.5: malformed LOCAL_PREF");
            case ATOMIC_AGGREGATE -> discard(lengthOrFlags, "RFC 7606 §7.6: malformed ATOMIC_AGGREGATE");
            case AGGREGATOR -> discard(lengthOrFlags, "RFC 7606 §7.7: malformed AGGREGATOR");
            case COMMUNITIES -> withdraw(lengthOrFlags, "RFC 7606 §7.8: malformed COMMUNITIES");
            case ORIGINATOR_ID -> withdraw(lengthOrFlags, "RFC 7606 §7.9: malformed ORIGINATOR_ID");
            case CLUSTER_LIST -> withdraw(lengthOrFlags, "RFC 7606 §7.10: malformed CLUSTER_LIST");
            case MP_REACH_NLRI, MP_UNREACH_NLRI ->
                reset(lengthOrFlags, "RFC 7606 §7.11, RFC 4760 §7: malformed MP_*_NLRI");
            case AS4_PATH -> discard(lengthOrFlags, "RFC 6793 §6: malformed AS4_PATH");
            case AS4_AGGREGATOR -> discard(lengthOrFlags, "RFC 6793 §6: malformed AS4_AGGREGATOR");
            default -> reset(lengthOrFlags, "RFC 4271 §6.3: malformed attribute " + typeCode);
        };
    }

    private static UpdateErrorDecision withdraw(BgpError error, String rule) {
        return decision(TREAT_AS_WITHDRAW, error, rule);
    }

    private static UpdateErrorDecision discard(BgpError error, String rule) {
        return decision(ATTRIBUTE_DISCARD, error, rule);
    }

    private static UpdateErrorDecision reset(BgpError error, String rule) {
        return decision(SESSION_RESET, error, rule);
    }

    private static UpdateErrorDecision decision(UpdateErrorAction action, BgpError error, String rule) {
        return new UpdateErrorDecision(action, error, rule);
    }
}
