package dev.brindle.netlink;

/** The link types brindle creates or recognises, with the IFLA_INFO_KIND string the kernel uses. */
public enum LinkKind {
    VETH("veth"),
    VXLAN("vxlan"),
    IPIP("ipip"),
    BRIDGE("bridge"),
    DUMMY("dummy"),
    /** A device with no IFLA_LINKINFO: loopback, physical NICs. */
    DEVICE(""),
    /** Any other kind (macvlan, wireguard, ...): brindle does not manage these. */
    OTHER("?");

    private final String kernelName;

    LinkKind(String kernelName) {
        this.kernelName = kernelName;
    }

    /** The IFLA_INFO_KIND string. */
    public String kernelName() {
        return kernelName;
    }

    public static LinkKind ofKernelName(String kind) {
        if (kind == null || kind.isEmpty()) {
            return DEVICE;
        }
        for (LinkKind k : values()) {
            if (k.kernelName.equals(kind)) {
                return k;
            }
        }
        return OTHER;
    }
}
