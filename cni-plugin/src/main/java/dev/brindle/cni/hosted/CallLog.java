package dev.brindle.cni.hosted;

import dev.brindle.cni.config.NetConf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a caller of the hosted plugin gets of its logs: one line per call on its stderr (after the plugin's error
 * line, if any) and appended to the netconf's {@code log_file_path}, in the JVM plugin's format, so that an operator
 * reading either finds every call whichever path ran it. {@code log_level: error} keeps only failed calls.
 */
final class CallLog {
    private static final Logger LOG = LoggerFactory.getLogger(CallLog.class);

    private CallLog() {}

    static void write(NetConf conf, Map<String, String> env, int exit, ByteArrayOutputStream stderr) {
        boolean failed = exit != 0;
        if (!failed && conf.logLevel().toLowerCase(Locale.ROOT).equals("error")) {
            return;
        }
        String line = Instant.now() + " " + (failed ? "ERROR" : "INFO") + " brindle-node - "
                + env.getOrDefault("CNI_COMMAND", "?") + " " + conf.name() + " "
                + env.getOrDefault("CNI_CONTAINERID", "") + ": exit " + exit + " (served by the node agent)\n";
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        stderr.writeBytes(bytes);
        conf.logFilePath().ifPresent(file -> append(Path.of(file), stderr.toByteArray()));
    }

    private static void append(Path file, byte[] bytes) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("cannot append to log_file_path {}: {}", file, e.getMessage());
        }
    }
}
