package dev.brindle.bgp.codec.attr;

import dev.brindle.bgp.codec.BgpError;

/**
 * What one UPDATE error costs: the approach, the NOTIFICATION error that names it (sent only for a session reset,
 * logged otherwise) and the rule that decides it.
 */
public record UpdateErrorDecision(UpdateErrorAction action, BgpError error, String rule) {}
