package dev.brindle.bgp.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds BIRD 1.6, the line Calico's bird fork is based on. Its Debian package conflicts with bird2 in dpkg, so —
 * as the lab does (bgp-facts.md trap 1) — it is unpacked with {@code apt-get download bird; dpkg -x} under
 * {@code target/bird1} once; {@code BRINDLE_BIRD1} may point at an existing binary instead.
 */
final class Bird1 {
    private Bird1() {}

    static Optional<Path> binary() {
        String env = System.getenv("BRINDLE_BIRD1");
        if (env != null && Files.isExecutable(Path.of(env))) {
            return Optional.of(Path.of(env));
        }
        Path dir = Path.of("target", "bird1").toAbsolutePath();
        Path bird = dir.resolve("root/usr/sbin/bird");
        if (!Files.isExecutable(bird)) {
            Shell.tryRun("mkdir", "-p", dir.toString());
            Shell.tryRun("sh", "-c", "cd '" + dir + "' && apt-get download bird && dpkg -x bird_*.deb root");
        }
        return Files.isExecutable(bird) ? Optional.of(bird) : Optional.empty();
    }
}
