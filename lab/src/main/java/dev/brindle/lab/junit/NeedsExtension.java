package dev.brindle.lab.junit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Evaluates {@link Needs}: skip loudly, or fail under {@code CI=true}. */
public final class NeedsExtension implements BeforeAllCallback, BeforeEachCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getTestClass()
                .flatMap(c -> AnnotationSupport.findAnnotation(c, Needs.class))
                .ifPresent(n -> enforce(n, context.getDisplayName()));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation(m, Needs.class))
                .ifPresent(n -> enforce(n, context.getDisplayName()));
    }

    private static void enforce(Needs needs, String testName) {
        List<String> missing = Requirements.missing(needs.root(), needs.commands(), needs.kernelModules());
        if (missing.isEmpty()) {
            return;
        }
        skipOrFailUnderCi(testName + " needs " + String.join(", ", missing));
    }

    /**
     * Skips the running test loudly; under CI=true fails it instead, since a skip there would hide that it never ran.
     * For requirements a test can only discover itself (a guest kernel that did not boot, a package that did not
     * unpack); everything {@link Needs} can name goes through the annotation.
     */
    public static void skipOrFailUnderCi(String reason) {
        if (Requirements.underCi()) {
            throw new AssertionError("CI=true and " + reason
                    + ": a skip here would hide that this was never tested; install it in scripts/test.sh");
        }
        System.err.println("*** SKIPPED: " + reason + " ***");
        Assumptions.abort(reason);
    }

    /** The checks themselves, usable outside JUnit (the lab refuses to start with the same words). */
    public static final class Requirements {
        private Requirements() {}

        public static boolean underCi() {
            return "true".equalsIgnoreCase(System.getenv("CI"));
        }

        /** The effective uid from /proc/self/status, which is what the kernel checks for CAP_NET_ADMIN here. */
        public static boolean isRoot() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("Uid:")) {
                        return "0".equals(line.split("\\s+")[2]);
                    }
                }
            } catch (java.io.IOException e) {
                // fall through: not Linux, or /proc missing
            }
            return false;
        }

        public static Optional<Path> findCommand(String command) {
            if (command.startsWith("/")) {
                Path p = Path.of(command);
                return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
            }
            String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/sbin:/usr/bin:/sbin:/bin");
            for (String dir : (path + ":/usr/sbin:/sbin:/usr/lib/cni").split(":")) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, command);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }

        public static boolean hasKernelModule(String module) {
            return Files.isDirectory(Path.of("/sys/module", module));
        }

        public static List<String> missing(boolean root, String[] commands, String[] modules) {
            List<String> missing = new ArrayList<>();
            if (root && !isRoot()) {
                missing.add("root (run as uid 0)");
            }
            for (String c : commands) {
                if (findCommand(c).isEmpty()) {
                    missing.add("the command '" + c + "' (not on PATH)");
                }
            }
            for (String m : modules) {
                if (!hasKernelModule(m)) {
                    missing.add("the kernel module '" + m + "' (no /sys/module/" + m + ")");
                }
            }
            return missing;
        }
    }
}
