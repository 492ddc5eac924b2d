package dev.brindle.cni.spec;

import dev.brindle.cni.config.NetConf;
import dev.brindle.cni.json.JsonWriter;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CNI protocol around a plugin (SPEC.md "Section 3: Execution Protocol"): reads env and stdin, answers VERSION,
 * refuses commands the request's version does not have, prints the ADD result or the error object on stdout in the
 * request's {@code cniVersion}, and returns the exit code. Nothing else may ever reach stdout.
 */
public final class CniRunner {
    private final CniPlugin plugin;
    private final LogSetup logSetup;

    /** Called with the parsed config before the plugin runs, so that logging follows log_level/log_file_path. */
    public interface LogSetup {
        void configure(NetConf conf);
    }

    public CniRunner(CniPlugin plugin, LogSetup logSetup) {
        this.plugin = plugin;
        this.logSetup = logSetup;
    }

    /**
     * Runs one invocation; returns the process exit code (0, or 1 after printing an error). The result or error
     * object goes to {@code stdout}, a one-line summary of an error to {@code stderr}.
     */
    public int run(Map<String, String> environment, String stdin, PrintStream stdout, PrintStream stderr) {
        String version = NetConf.peekVersion(stdin);
        try {
            CniEnv env = CniEnv.from(environment);
            if (env.command() == Command.VERSION) {
                stdout.println(JsonWriter.write(versionInfo(version)));
                return 0;
            }
            NetConf conf = NetConf.parse(stdin);
            logSetup.configure(conf);
            env.require();
            gate(env.command(), conf.version());
            switch (env.command()) {
                case ADD -> stdout.println(JsonWriter.write(ResultCodec.toJson(plugin.add(conf, env), conf.version())));
                case DEL -> plugin.del(conf, env);
                case CHECK -> plugin.check(conf, env);
                case STATUS -> plugin.status(conf, env);
                case GC -> plugin.gc(conf, env);
                case VERSION -> throw new IllegalStateException("handled above");
            }
            return 0;
        } catch (CniError e) {
            return fail(stdout, stderr, e, version);
        } catch (RuntimeException e) {
            // A kernel refusal or a bug: its own message says what failed; the class name goes into details.
            String what = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            return fail(
                    stdout,
                    stderr,
                    new CniError(CniError.INTERNAL, what, e.getClass().getName()),
                    version);
        }
    }

    private static int fail(PrintStream stdout, PrintStream stderr, CniError e, String version) {
        stderr.println("brindle: error " + e.code() + ": " + e.msg()
                + (e.details().isEmpty() ? "" : " (" + e.details() + ")"));
        stdout.println(JsonWriter.write(e.toJson(version.isEmpty() ? CniVersion.V1_1_0.text() : version)));
        return 1;
    }

    /** CHECK exists from 0.4.0, STATUS and GC from 1.1.0; libcni's skel answers code 1 otherwise. */
    private static void gate(Command command, CniVersion version) {
        boolean allowed = switch (command) {
            case CHECK -> version.hasCheck();
            case STATUS, GC -> version.hasStatusAndGc();
            default -> true;
        };
        if (!allowed) {
            throw new CniError(
                    CniError.INCOMPATIBLE_VERSION,
                    "config version " + version + " does not allow " + command,
                    command == Command.CHECK
                            ? "CHECK needs cniVersion 0.4.0 or later"
                            : command + " needs cniVersion 1.1.0");
        }
    }

    private static Map<String, Object> versionInfo(String requested) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cniVersion", requested.isEmpty() ? CniVersion.V1_1_0.text() : requested);
        out.put("supportedVersions", CniVersion.SUPPORTED);
        return out;
    }
}
