package dev.brindle.lab.cluster;

import dev.brindle.lab.Cmd;
import dev.brindle.lab.Namespace;
import dev.brindle.lab.Namespaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A lab's namespaces, named {@code <lab>-<word>} and kept after the command that made them exits (unlike a test's
 * {@code NamespaceSet}); {@code lab down} removes them by prefix.
 */
final class LabNamespaces implements Namespaces {
    private static final Path NETNS_DIR = Path.of("/run/netns");
    private final String prefix;

    LabNamespaces(String labName) {
        this.prefix = labName + "-";
    }

    @Override
    public String prefix() {
        return prefix;
    }

    @Override
    public Namespace add(String shortName) {
        Cmd.run("ip", "netns", "add", prefix + shortName).orThrow();
        Namespace ns = existing(shortName);
        ns.ok("ip", "link", "set", "lo", "up");
        return ns;
    }

    /** A namespace of this lab that already exists. */
    Namespace existing(String shortName) {
        return new Namespace(prefix + shortName, this);
    }

    /** Daemons of a lab outlive the command that started them: they are stopped by pid file at {@code down}. */
    @Override
    public Process track(ProcessBuilder pb) {
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + pb.command(), e);
        }
    }

    /** The names of this lab's namespaces that exist now. */
    List<String> present() {
        if (!Files.isDirectory(NETNS_DIR)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(NETNS_DIR)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(prefix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
