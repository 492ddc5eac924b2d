package dev.brindle.lab.cluster;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How pod traffic crosses between the lab's nodes: the IPPool's ipipMode / vxlanMode, and the underlay shape. */
public enum LabMode {
    NOENCAP("noencap", "Never", "Never"),
    IPIP("ipip", "Always", "Never"),
    VXLAN("vxlan", "Never", "Always"),
    IPIP_CROSSSUBNET("ipip-crosssubnet", "CrossSubnet", "Never"),
    VXLAN_CROSSSUBNET("vxlan-crosssubnet", "Never", "CrossSubnet");

    private final String cliName;
    private final String ipipMode;
    private final String vxlanMode;

    LabMode(String cliName, String ipipMode, String vxlanMode) {
        this.cliName = cliName;
        this.ipipMode = ipipMode;
        this.vxlanMode = vxlanMode;
    }

    public static LabMode parse(String text) {
        return Arrays.stream(values())
                .filter(m -> m.cliName.equals(text))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown mode '" + text + "'; one of: "
                        + Arrays.stream(values()).map(LabMode::cliName).collect(Collectors.joining(", "))));
    }

    public String cliName() {
        return cliName;
    }

    public String ipipMode() {
        return ipipMode;
    }

    public String vxlanMode() {
        return vxlanMode;
    }

    /** CrossSubnet modes put the last node on a second subnet behind a router, so both route forms show. */
    public boolean crossSubnet() {
        return cliName.endsWith("-crosssubnet");
    }

    /** The kernel module the mode's tunnel needs. */
    public String kernelModule() {
        return ipipMode.equals("Never") ? "vxlan" : "ipip";
    }

    @Override
    public String toString() {
        return cliName;
    }
}
