/**
 * Fuzzing the BGP decoder: a Jazzer target ({@link dev.brindle.bench.bgp.fuzz.BgpDecoderFuzzTarget}) and the oracle
 * it checks ({@link dev.brindle.bench.bgp.fuzz.DecoderOracle}): for any bytes, only
 * {@link dev.brindle.bgp.codec.BgpProtocolException} may escape, and whatever decodes re-encodes to the same message.
 */
package dev.brindle.bench.bgp.fuzz;
