package dev.brindle.cni.ipam;

import dev.brindle.cni.config.NetConf;
import dev.brindle.cni.json.JsonException;
import dev.brindle.cni.json.JsonReader;
import dev.brindle.cni.json.JsonValues;
import dev.brindle.cni.json.JsonWriter;
import dev.brindle.cni.spec.CniEnv;
import dev.brindle.cni.spec.CniError;
import dev.brindle.cni.spec.CniVersion;
import dev.brindle.cni.spec.ResultCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CNI IPAM plugin found on {@code CNI_PATH}, run the way libcni's pkg/invoke runs a delegate: our own stdin,
 * our environment with {@code CNI_COMMAND} set, the result read from its stdout, an error object on a non-zero
 * exit. Its stderr goes to ours, i.e. to the runtime's log.
 */
public final class ExecIpam implements Ipam {
    private static final Logger LOG = LoggerFactory.getLogger(ExecIpam.class);

    @Override
    public Lease add(NetConf conf, CniEnv env) {
        String out = invoke("ADD", conf, env);
        try {
            return new Lease(ResultCodec.parse(JsonReader.parseObject(out)), 0);
        } catch (JsonException e) {
            throw new CniError(
                    CniError.DECODE_FAILURE,
                    "IPAM plugin " + conf.ipam().type() + " printed a result that is not JSON: " + e.getMessage());
        }
    }

    @Override
    public void del(NetConf conf, CniEnv env) {
        invoke("DEL", conf, env);
    }

    @Override
    public void check(NetConf conf, CniEnv env) {
        invoke("CHECK", conf, env);
    }

    /** Forwarded only when the delegate speaks 1.1.0 (host-local 1.1.1 stops at 1.0.0 and has no GC). */
    @Override
    public void gc(NetConf conf, CniEnv env) {
        if (speaks(conf, env, "1.1.0")) {
            invoke("GC", conf, env);
        } else {
            LOG.info(
                    "IPAM plugin {} does not speak CNI 1.1.0; GC not forwarded",
                    conf.ipam().type());
        }
    }

    @Override
    public void status(NetConf conf, CniEnv env) {
        find(conf, env, CniError.NOT_AVAILABLE);
        if (speaks(conf, env, "1.1.0")) {
            invoke("STATUS", conf, env);
        }
    }

    private boolean speaks(NetConf conf, CniEnv env, String version) {
        String out = run(
                find(conf, env, CniError.INVALID_CONFIG),
                "VERSION",
                "{\"cniVersion\":\"" + version + "\"}",
                env,
                conf.ipam().type());
        try {
            return JsonValues.array(JsonReader.parseObject(out), "supportedVersions")
                    .contains(version);
        } catch (JsonException e) {
            return false;
        }
    }

    /**
     * Runs the delegate with our stdin. A delegate that predates 1.1.0 (Debian's host-local 1.1.1 stops at 1.0.0)
     * refuses a 1.1.0 config with code 1, so it is asked again in 1.0.0, whose IPAM result has the same shape.
     */
    private String invoke(String command, NetConf conf, CniEnv env) {
        Path plugin = find(conf, env, CniError.INVALID_CONFIG);
        try {
            return run(plugin, command, conf.rawText(), env, conf.ipam().type());
        } catch (CniError e) {
            if (e.code() != CniError.INCOMPATIBLE_VERSION || !conf.version().hasStatusAndGc()) {
                throw e;
            }
            Map<String, Object> older = new LinkedHashMap<>(conf.raw());
            older.put("cniVersion", CniVersion.V1_0_0.text());
            LOG.debug(
                    "IPAM plugin {} does not speak {}; asking in 1.0.0",
                    conf.ipam().type(),
                    conf.version());
            return run(
                    plugin, command, JsonWriter.write(older), env, conf.ipam().type());
        }
    }

    /** host-local refuses a second ADD for a container ID it already holds an address for. */
    @Override
    public boolean idempotentAdd() {
        return false;
    }

    private static Path find(NetConf conf, CniEnv env, int code) {
        String type = conf.ipam().type();
        for (String dir : env.path()) {
            Path p = Path.of(dir, type);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new CniError(
                code,
                "failed to find IPAM plugin \"" + type + "\" in CNI_PATH " + env.path()
                        + ": install it there or set ipam.type to a plugin that is");
    }

    private static String run(Path plugin, String command, String stdin, CniEnv env, String type) {
        var pb = new ProcessBuilder(plugin.toString());
        Map<String, String> e = pb.environment();
        // All six variables from our own view of them, as libcni's invoke does (empty where unset).
        e.put("CNI_COMMAND", command);
        e.put("CNI_CONTAINERID", env.containerId().orElse(""));
        e.put("CNI_NETNS", env.netns().orElse(""));
        e.put("CNI_IFNAME", env.ifName().orElse(""));
        e.put("CNI_ARGS", env.args().forDelegate());
        e.put("CNI_PATH", String.join(":", env.path()));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        try {
            Process p = pb.start();
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException brokenPipe) {
                // The plugin exited without reading all of stdin (a broken pipe): its exit code and stdout tell.
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            if (rc != 0) {
                throw delegateError(type, command, rc, out);
            }
            return out;
        } catch (IOException e2) {
            throw new CniError(CniError.IO_FAILURE, "cannot run IPAM plugin " + plugin + " (" + command + ")", e2);
        } catch (InterruptedException e2) {
            Thread.currentThread().interrupt();
            throw new CniError(CniError.INTERNAL, "interrupted while running IPAM plugin " + plugin);
        }
    }

    private static CniError delegateError(String type, String command, int rc, String out) {
        String fallback = "IPAM plugin " + type + " failed " + command + " with exit code " + rc;
        try {
            CniError err = CniError.fromJson(JsonReader.parseObject(out.strip()), fallback);
            return new CniError(err.code(), "IPAM plugin " + type + " " + command + ": " + err.msg(), err.details());
        } catch (JsonException e) {
            return new CniError(CniError.INTERNAL, fallback + " and printed no CNI error (see its stderr)");
        }
    }
}
