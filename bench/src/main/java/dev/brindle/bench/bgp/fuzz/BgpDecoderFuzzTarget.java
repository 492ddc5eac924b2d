package dev.brindle.bench.bgp.fuzz;

/**
 * Jazzer entry point (libFuzzer convention): run with {@code bench/fuzz-bgp.sh}, which starts
 * {@code com.code_intelligence.jazzer.Jazzer --target_class=dev.brindle.bench.bgp.fuzz.BgpDecoderFuzzTarget} on a
 * corpus seeded from {@code bgp-speaker/src/test/resources/codec/corpus/}.
 */
public final class BgpDecoderFuzzTarget {
    private BgpDecoderFuzzTarget() {}

    public static void fuzzerTestOneInput(byte[] input) {
        DecoderOracle.check(input);
    }
}
