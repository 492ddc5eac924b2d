package dev.brindle.bench.bgp.fuzz;

import com.code_intelligence.jazzer.Jazzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The BGP decoder fuzz command: runs Jazzer (coverage-guided, libFuzzer) on {@link BgpDecoderFuzzTarget} in this
 * JVM. New inputs go to a work corpus; the committed seeds are read alongside.
 *
 * <pre>
 * java -cp BENCH_CLASSPATH dev.brindle.bench.bgp.fuzz.BgpFuzz [runs] [work-corpus] [seed-corpus] [extra libFuzzer flags…]
 *   runs         default 10000000
 *   work-corpus  default target/bgp-fuzz-corpus (created)
 *   seed-corpus  default bgp-speaker/src/test/resources/codec/corpus
 * </pre>
 *
 * Findings are written as {@code crash-*} files in the working directory and end the run with a non-zero status.
 * Every file in the work corpus added coverage when it was kept; copying them into the seed corpus makes
 * {@code FuzzCorpusRegressionTest} replay them. (libFuzzer's {@code -merge} needs the native {@code jazzer} launcher,
 * which Maven Central does not ship, so it does not work from this in-JVM launcher.)
 */
public final class BgpFuzz {
    private BgpFuzz() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        String runs = args.length > 0 ? args[0] : "10000000";
        Path work = Path.of(args.length > 1 ? args[1] : "target/bgp-fuzz-corpus");
        Path seeds = Path.of(args.length > 2 ? args[2] : "bgp-speaker/src/test/resources/codec/corpus");
        Files.createDirectories(work);
        List<String> jazzer = new ArrayList<>(List.of(
                "--target_class=" + BgpDecoderFuzzTarget.class.getName(),
                "--instrumentation_includes=dev.brindle.**",
                "-runs=" + runs,
                // RFC 4271 §4.1: no message is longer; a stream of a few messages is enough to reach every state.
                "-max_len=8192",
                "-print_final_stats=1",
                work.toString(),
                seeds.toString()));
        for (int i = 3; i < args.length; i++) {
            jazzer.add(jazzer.size() - 2, args[i]);
        }
        Jazzer.main(jazzer.toArray(String[]::new));
    }
}
