package dev.brindle.cni.spec;

import java.util.List;

/**
 * The CNI spec versions brindle speaks. A request's {@code cniVersion} must match one of them exactly as a string
 * (libcni's {@code Reconciler.CheckRaw}); the result and any error are printed in that same version.
 */
public enum CniVersion {
    V0_3_0("0.3.0"),
    V0_3_1("0.3.1"),
    V0_4_0("0.4.0"),
    V1_0_0("1.0.0"),
    V1_1_0("1.1.0");

    private final String text;

    CniVersion(String text) {
        this.text = text;
    }

    public static final List<String> SUPPORTED =
            List.of(values()).stream().map(CniVersion::text).toList();

    /** The version for {@code text}, or a code-1 error listing the supported ones. */
    public static CniVersion parse(String text) {
        for (CniVersion v : values()) {
            if (v.text.equals(text)) {
                return v;
            }
        }
        throw new CniError(
                CniError.INCOMPATIBLE_VERSION,
                "incompatible CNI versions",
                "config is \"" + text + "\", plugin supports " + SUPPORTED);
    }

    public String text() {
        return text;
    }

    /** True from 0.4.0 on: CHECK exists and DEL carries prevResult. */
    public boolean hasCheck() {
        return compareTo(V0_4_0) >= 0;
    }

    /** True from 1.0.0 on: {@code ips[].version} is gone. */
    public boolean isOneDotX() {
        return compareTo(V1_0_0) >= 0;
    }

    /** True from 1.1.0 on: STATUS, GC, interface mtu/socketPath/pciID, route mtu/advmss/priority/table/scope. */
    public boolean hasStatusAndGc() {
        return this == V1_1_0;
    }

    @Override
    public String toString() {
        return text;
    }
}
