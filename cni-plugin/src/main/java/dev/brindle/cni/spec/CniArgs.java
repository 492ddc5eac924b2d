package dev.brindle.cni.spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code CNI_ARGS}: {@code K=V;K=V}. Kubernetes runtimes put the pod's namespace and name here
 * ({@code K8S_POD_NAMESPACE}, {@code K8S_POD_NAME}), which name the host-side veth.
 */
public record CniArgs(String raw, Map<String, String> values) {
    public CniArgs {
        values = Map.copyOf(values);
    }

    public static CniArgs parse(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : raw.split(";")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new CniError(
                        CniError.INVALID_ENV,
                        "invalid CNI_ARGS pair \"" + pair + "\": expected KEY=VALUE pairs separated by ';'");
            }
            values.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return new CniArgs(raw, values);
    }

    public Optional<String> get(String key) {
        String v = values.get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /**
     * The args for a delegated IPAM plugin: {@code IgnoreUnknown=1} first, because host-local refuses args it does
     * not know (the K8S_* ones) unless that flag is present, which is why Calico prepends it too.
     */
    public String forDelegate() {
        if ("1".equals(values.get("IgnoreUnknown")) || "true".equalsIgnoreCase(values.get("IgnoreUnknown"))) {
            return raw;
        }
        return raw.isEmpty() ? "IgnoreUnknown=1" : "IgnoreUnknown=1;" + raw;
    }
}
