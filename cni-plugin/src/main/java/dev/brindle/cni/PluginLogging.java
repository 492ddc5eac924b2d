package dev.brindle.cni;

import dev.brindle.cni.config.NetConf;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Logging for a process whose stdout is the CNI result: SLF4J (slf4j-simple) writes to stderr, and when the netconf
 * names a {@code log_file_path} stderr is teed into that file too. Must run before the first logger is created,
 * because slf4j-simple reads its settings once.
 */
final class PluginLogging {
    private PluginLogging() {}

    /** Everything printed to System.out from here on goes to stderr; the real stdout is returned for the result. */
    static PrintStream protectStdout() {
        PrintStream real = System.out;
        System.setOut(System.err);
        return real;
    }

    static void configure(NetConf conf) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level(conf.logLevel()));
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        conf.logFilePath().ifPresent(PluginLogging::teeInto);
    }

    /** Calico's levels are debug, info and error; anything else (warning, trace) is passed through as slf4j reads it. */
    private static String level(String configured) {
        String l = configured.toLowerCase(Locale.ROOT);
        return l.equals("warning") ? "warn" : l.isEmpty() ? "info" : l;
    }

    private static void teeInto(String file) {
        try {
            Path p = Path.of(file);
            if (p.getParent() != null) {
                Files.createDirectories(p.getParent());
            }
            OutputStream log = new FileOutputStream(file, true);
            System.setErr(new PrintStream(new Tee(System.err, log), true));
        } catch (IOException | RuntimeException e) {
            System.err.println(
                    "brindle: cannot open log_file_path " + file + ": " + e.getMessage() + "; logging to stderr only");
        }
    }

    /** Writes every byte to both streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
