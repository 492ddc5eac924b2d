package dev.brindle.cni.config;

import dev.brindle.cni.json.JsonException;
import dev.brindle.cni.json.JsonReader;
import dev.brindle.cni.json.JsonValues;
import dev.brindle.cni.spec.CniEnv;
import dev.brindle.cni.spec.CniError;
import dev.brindle.cni.spec.CniVersion;
import dev.brindle.cni.spec.Result;
import dev.brindle.cni.spec.ResultCodec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request config on stdin: the plugin's object from the conflist plus what the runtime injects
 * ({@code cniVersion}, {@code name}, {@code prevResult}, {@code runtimeConfig}, {@code cni.dev/*}). Unknown fields
 * are allowed and kept in {@code raw}, which is passed byte for byte to a delegated IPAM plugin.
 *
 * <p>brindle's own fields (CONTRACT.md "CNI plugin"): {@code mtu} (0 = ask the agent, else 1500), {@code nodename},
 * {@code agent_socket}, {@code interface_prefix} (default {@code brl}), {@code log_level}, {@code log_file_path}.
 */
public record NetConf(
        String rawText,
        Map<String, Object> raw,
        CniVersion version,
        String name,
        String type,
        int mtu,
        Optional<String> nodename,
        String agentSocket,
        String interfacePrefix,
        String logLevel,
        Optional<String> logFilePath,
        IpamConf ipam,
        Optional<Result> prevResult,
        List<Attachment> validAttachments,
        List<String> requestedIps) {

    public static final String DEFAULT_AGENT_SOCKET = "/var/run/brindle/agent.sock";
    public static final String DEFAULT_PREFIX = "brl";

    /** The {@code ipam} object: its {@code type} names the delegate ({@code brindle-ipam} is served in-process). */
    public record IpamConf(String type, Map<String, Object> raw) {
        public boolean isBrindle() {
            return "brindle-ipam".equals(type);
        }
    }

    /** One element of {@code cni.dev/valid-attachments}: an attachment the runtime still has. */
    public record Attachment(String containerId, String ifName) {}

    /**
     * Reads the version first, so that every later error can be printed in it: a text that is not JSON is a decode
     * failure (6), a version brindle does not speak is 1, a wrong or missing field is an invalid config (7).
     */
    public static String peekVersion(String text) {
        try {
            return JsonValues.string(JsonReader.parseObject(text), "cniVersion").orElse("");
        } catch (JsonException e) {
            return "";
        }
    }

    public static NetConf parse(String text) {
        Map<String, Object> raw;
        try {
            raw = JsonReader.parseObject(text);
        } catch (JsonException e) {
            throw new CniError(
                    CniError.DECODE_FAILURE, "error decoding the network config on stdin: " + e.getMessage());
        }
        try {
            return fromJson(text, raw);
        } catch (JsonException e) {
            throw new CniError(CniError.INVALID_CONFIG, "invalid network config: " + e.getMessage());
        }
    }

    /** Only cniVersion matters for VERSION; everything else may be absent. */
    public static CniVersion parseVersionOnly(String text) {
        try {
            // SPEC.md: a missing cniVersion means 0.1.0, which brindle does not speak.
            return CniVersion.parse(JsonValues.string(JsonReader.parseObject(text), "cniVersion")
                    .orElse("0.1.0"));
        } catch (JsonException e) {
            throw new CniError(
                    CniError.DECODE_FAILURE, "error decoding the network config on stdin: " + e.getMessage());
        }
    }

    private static NetConf fromJson(String text, Map<String, Object> raw) {
        CniVersion version =
                CniVersion.parse(JsonValues.string(raw, "cniVersion").orElse("0.1.0"));
        String name = JsonValues.string(raw, "name").orElseThrow(() -> invalid("\"name\" is missing"));
        if (!CniEnv.isValidNetworkName(name)) {
            throw invalid("\"name\" " + quote(name) + " must start with a letter or digit and contain only letters,"
                    + " digits, '_', '.' and '-'");
        }
        String type = JsonValues.string(raw, "type").orElseThrow(() -> invalid("\"type\" is missing"));
        long mtu = JsonValues.integer(raw, "mtu").orElse(0L);
        if (mtu != 0 && (mtu < 68 || mtu > 65535)) {
            throw invalid("\"mtu\" " + mtu + " is outside 68..65535 (0 means: ask the node agent, else 1500)");
        }
        String prefix = JsonValues.string(raw, "interface_prefix").orElse(DEFAULT_PREFIX);
        if (prefix.isEmpty() || prefix.length() > 4 || !prefix.matches("[a-zA-Z0-9]+")) {
            throw invalid("\"interface_prefix\" " + quote(prefix)
                    + " must be 1 to 4 letters or digits (prefix + 11 hex characters fit the 15 of IFNAMSIZ)");
        }
        Map<String, Object> ipamRaw =
                JsonValues.object(raw, "ipam").orElseThrow(() -> invalid("\"ipam\" is missing (it needs a \"type\")"));
        String ipamType = JsonValues.string(ipamRaw, "type")
                .filter(t -> !t.isEmpty())
                .orElseThrow(() -> invalid("\"ipam.type\" is missing"));
        if (ipamType.contains("/")) {
            throw invalid("\"ipam.type\" " + quote(ipamType) + " must be a plugin name on CNI_PATH, not a path");
        }
        return new NetConf(
                text,
                raw,
                version,
                name,
                type,
                (int) mtu,
                JsonValues.string(raw, "nodename").filter(s -> !s.isEmpty()),
                JsonValues.string(raw, "agent_socket").filter(s -> !s.isEmpty()).orElse(DEFAULT_AGENT_SOCKET),
                prefix,
                JsonValues.string(raw, "log_level").orElse("info"),
                JsonValues.string(raw, "log_file_path").filter(s -> !s.isEmpty()),
                new IpamConf(ipamType, ipamRaw),
                JsonValues.object(raw, "prevResult").map(ResultCodec::parse),
                attachments(raw),
                requestedIps(raw));
    }

    /**
     * GC's list of attachments to keep. The 1.1.0 text named the key {@code cni.dev/attachments}; later text
     * corrected it to {@code cni.dev/valid-attachments}, and libcni ≥ 1.2 sends both, so both are read.
     */
    private static List<Attachment> attachments(Map<String, Object> raw) {
        var out = new java.util.LinkedHashSet<Attachment>();
        for (String key : List.of("cni.dev/valid-attachments", "cni.dev/attachments")) {
            for (Map<String, Object> a : JsonValues.objects(raw, key)) {
                out.add(new Attachment(
                        JsonValues.string(a, "containerID")
                                .orElseThrow(() -> invalid(key + "[] needs \"containerID\"")),
                        JsonValues.string(a, "ifname").orElse("")));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Specific addresses the runtime asks for (CONVENTIONS.md): the {@code ips} capability in {@code runtimeConfig}
     * (read ignoring case: containerd's go-cni sends Go field names) and {@code args.cni.ips}, which wins when both
     * are there. Prefix lengths are dropped: the block decides those.
     */
    private static List<String> requestedIps(Map<String, Object> raw) {
        List<Object> fromArgs = JsonValues.object(raw, "args")
                .flatMap(a -> JsonValues.object(a, "cni"))
                .map(c -> JsonValues.array(c, "ips"))
                .orElse(List.of());
        List<Object> chosen = fromArgs;
        if (chosen.isEmpty()) {
            Object rc = raw.get("runtimeConfig");
            @SuppressWarnings("unchecked")
            Object ips = rc instanceof Map<?, ?> m ? JsonValues.getIgnoreCase((Map<String, Object>) m, "ips") : null;
            chosen = ips instanceof List<?> l ? List.copyOf(l) : List.of();
        }
        List<String> out = new java.util.ArrayList<>();
        for (Object ip : chosen) {
            if (!(ip instanceof String s) || s.isEmpty()) {
                throw new JsonException("requested ips must be address strings, found " + JsonValues.kind(ip));
            }
            out.add(s.contains("/") ? s.substring(0, s.indexOf('/')) : s);
        }
        return List.copyOf(out);
    }

    /** The IPAM handle of an attachment, as the agent and Calico key it: {@code <network name>.<containerID>}. */
    public String handle(String containerId) {
        return name + "." + containerId;
    }

    private static CniError invalid(String what) {
        return new CniError(CniError.INVALID_CONFIG, "invalid network config: " + what);
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
