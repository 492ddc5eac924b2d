package dev.brindle.bgp.codec.attr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.bgp.codec.BgpError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The RFC 7606 decision table, one row per rule. */
class UpdateErrorPolicyTest {

    @ParameterizedTest(name = "{4}: type {0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1  | VALUE                   | TREAT_AS_WITHDRAW | INVALID_ORIGIN_ATTRIBUTE          | RFC 7606 §7.1
            1  | LENGTH                  | TREAT_AS_WITHDRAW | ATTRIBUTE_LENGTH_ERROR            | RFC 7606 §7.1
            1  | FLAGS                   | TREAT_AS_WITHDRAW | ATTRIBUTE_FLAGS_ERROR             | RFC 7606 §7.1
            2  | VALUE                   | TREAT_AS_WITHDRAW | MALFORMED_AS_PATH                 | RFC 7606 §7.2
            2  | LENGTH                  | TREAT_AS_WITHDRAW | MALFORMED_AS_PATH                 | RFC 7606 §7.2
            2  | FROM_EXTERNAL_PEER      | TREAT_AS_WITHDRAW | MALFORMED_AS_PATH                 | RFC 7606 §7.2
            3  | LENGTH                  | TREAT_AS_WITHDRAW | INVALID_NEXT_HOP_ATTRIBUTE        | RFC 7606 §7.3
            4  | LENGTH                  | TREAT_AS_WITHDRAW | ATTRIBUTE_LENGTH_ERROR            | RFC 7606 §7.4
            4  | FLAGS                   | TREAT_AS_WITHDRAW | ATTRIBUTE_FLAGS_ERROR             | RFC 7606 §7.4
            5  | LENGTH                  | TREAT_AS_WITHDRAW | ATTRIBUTE_LENGTH_ERROR            | RFC 7606 §7.5
            5  | FROM_EXTERNAL_PEER      | ATTRIBUTE_DISCARD | ATTRIBUTE_FLAGS_ERROR             | RFC 7606 §7.5
            6  | LENGTH                  | ATTRIBUTE_DISCARD | ATTRIBUTE_LENGTH_ERROR            | RFC 7606 §7.6
            6  | FLAGS                   | ATTRIBUTE_DISCARD | ATTRIBUTE_FLAGS_ERROR             | RFC 7606 §7.6
            7  | LENGTH                  | ATTRIBUTE_DISCARD | ATTRIBUTE_LENGTH_ERROR            | RFC 7606 §7.7
            7  | VALUE                   | ATTRIBUTE_DISCARD | OPTIONAL_ATTRIBUTE_ERROR          | RFC 7606 §7.7
            8  | LENGTH                  | TREAT_AS_WITHDRAW | ATTRIBUTE_LENGTH_ERROR            | RFC 7606 §7.8
            9  | LENGTH                  | TREAT_AS_WITHDRAW | ATTRIBUTE_LENGTH_ERROR            | RFC 7606 §7.9
            9  | FROM_EXTERNAL_PEER      | ATTRIBUTE_DISCARD | OPTIONAL_ATTRIBUTE_ERROR          | RFC 7606 §7.9
            10 | LENGTH                  | TREAT_AS_WITHDRAW | ATTRIBUTE_LENGTH_ERROR            | RFC 7606 §7.10
            10 | FROM_EXTERNAL_PEER      | ATTRIBUTE_DISCARD | OPTIONAL_ATTRIBUTE_ERROR          | RFC 7606 §7.10
            14 | VALUE                   | SESSION_RESET     | OPTIONAL_ATTRIBUTE_ERROR          | RFC 7606 §7.11
            14 | LENGTH                  | SESSION_RESET     | ATTRIBUTE_LENGTH_ERROR            | RFC 7606 §7.11
            15 | FLAGS                   | SESSION_RESET     | ATTRIBUTE_FLAGS_ERROR             | RFC 7606 §7.11
            17 | VALUE                   | ATTRIBUTE_DISCARD | OPTIONAL_ATTRIBUTE_ERROR          | RFC 6793 §6
            18 | LENGTH                  | ATTRIBUTE_DISCARD | ATTRIBUTE_LENGTH_ERROR            | RFC 6793 §6
            8  | DUPLICATE               | ATTRIBUTE_DISCARD | MALFORMED_ATTRIBUTE_LIST          | RFC 7606 §3 g
            99 | DUPLICATE               | ATTRIBUTE_DISCARD | MALFORMED_ATTRIBUTE_LIST          | RFC 7606 §3 g
            14 | DUPLICATE               | SESSION_RESET     | MALFORMED_ATTRIBUTE_LIST          | RFC 7606 §3 g
            15 | DUPLICATE               | SESSION_RESET     | MALFORMED_ATTRIBUTE_LIST          | RFC 7606 §3 g
            1  | MISSING                 | TREAT_AS_WITHDRAW | MISSING_WELL_KNOWN_ATTRIBUTE      | RFC 7606 §3 d
            3  | MISSING                 | TREAT_AS_WITHDRAW | MISSING_WELL_KNOWN_ATTRIBUTE      | RFC 7606 §3 d
            8  | ATTRIBUTE_OVERRUN       | TREAT_AS_WITHDRAW | MALFORMED_ATTRIBUTE_LIST          | RFC 7606 §4
            14 | ATTRIBUTE_OVERRUN       | SESSION_RESET     | MALFORMED_ATTRIBUTE_LIST          | RFC 7606 §4
            0  | LENGTHS_OVERRUN         | SESSION_RESET     | MALFORMED_ATTRIBUTE_LIST          | RFC 7606 §4
            0  | NLRI_SYNTAX             | SESSION_RESET     | INVALID_NETWORK_FIELD             | RFC 7606 §5.3
            40 | UNRECOGNIZED_WELL_KNOWN | SESSION_RESET     | UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE | RFC 4271 §6.3
            """)
    void decidesEachMalformationByItsRule(
            int typeCode, Malformation kind, UpdateErrorAction action, BgpError error, String rule) {
        UpdateErrorDecision decision = UpdateErrorPolicy.decide(typeCode, kind);

        assertThat(decision.action()).isEqualTo(action);
        assertThat(decision.error()).isEqualTo(error);
        assertThat(decision.rule()).startsWith(rule);
    }

    @ParameterizedTest
    @CsvSource({
        "NONE, TREAT_AS_WITHDRAW, TREAT_AS_WITHDRAW",
        "ATTRIBUTE_DISCARD, TREAT_AS_WITHDRAW, TREAT_AS_WITHDRAW",
        "SESSION_RESET, ATTRIBUTE_DISCARD, SESSION_RESET",
        "ATTRIBUTE_DISCARD, NONE, ATTRIBUTE_DISCARD"
    })
    void strongestApproachWinsPerRfc7606Section3j(UpdateErrorAction a, UpdateErrorAction b, UpdateErrorAction winner) {
        assertThat(a.strongest(b)).isEqualTo(winner);
        assertThat(b.strongest(a)).isEqualTo(winner);
    }
}
