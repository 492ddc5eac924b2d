package dev.brindle.ipam;

/**
 * An allocation or release the allocator refuses, with the CNI error code the node agent's socket answers with
 * ({@code docs/agent-socket.md}): 100 no pool / pools exhausted, 101 block limit, 11 try again later, 7 bad request.
 */
public final class IpamException extends RuntimeException {
    public static final int TRY_AGAIN_LATER = 11;
    public static final int INVALID_REQUEST = 7;
    public static final int NO_ADDRESSES = 100;
    public static final int BLOCK_LIMIT = 101;

    private final int code;

    private IpamException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static IpamException noPoolForNode(String node, IntendedUse use) {
        return new IpamException(
                NO_ADDRESSES,
                "no configured IP pools for node " + node + " (use " + use.calicoName()
                        + "): create an IPPool that is not disabled, whose nodeSelector selects the node and whose"
                        + " allowedUses include " + use.calicoName());
    }

    public static IpamException exhausted(String node, int wanted, int got, java.util.List<Pool> pools) {
        return new IpamException(
                NO_ADDRESSES,
                "failed to request " + wanted + " addresses for node " + node + ": IPAM allocated only " + got
                        + "; no IPs available in pools "
                        + pools.stream().map(p -> p.cidr().toString()).toList()
                        + " (add a pool, or release addresses)");
    }

    public static IpamException blockLimit(String node, int cap) {
        return new IpamException(
                BLOCK_LIMIT,
                "cannot allocate new block due to per host block limit: node " + node + " already has " + cap
                        + " affine blocks with no free address (raise IPAMConfig maxBlocksPerHost, or release"
                        + " addresses)");
    }

    public static IpamException retriesExhausted(String what, int retries) {
        return new IpamException(
                TRY_AGAIN_LATER,
                what + ": the datastore kept changing under us (" + retries + " compare-and-swap conflicts); try"
                        + " again later");
    }

    public static IpamException invalid(String message) {
        return new IpamException(INVALID_REQUEST, message);
    }

    public static IpamException unavailable(String message) {
        return new IpamException(TRY_AGAIN_LATER, message);
    }
}
