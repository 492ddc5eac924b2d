package dev.brindle.cni.ipam;

import dev.brindle.cni.config.NetConf;
import dev.brindle.cni.spec.CniEnv;
import dev.brindle.cni.spec.Result;

/**
 * Where a pod's addresses come from: brindle's own allocator behind the node agent's socket, or any CNI IPAM plugin
 * on {@code CNI_PATH} executed per the spec ("Delegated plugins (IPAM)").
 */
public interface Ipam {
    /** Allocates; the result is the abbreviated IPAM form (no interfaces). */
    Lease add(NetConf conf, CniEnv env);

    /** Releases; succeeds when nothing is held. */
    void del(NetConf conf, CniEnv env);

    /** Verifies that the allocation in {@code conf.prevResult()} is still held. */
    void check(NetConf conf, CniEnv env);

    /** Releases every allocation of the network that is not among {@code conf.validAttachments()}. */
    void gc(NetConf conf, CniEnv env);

    /** Throws a code 50/51 error when an ADD could not be served now. */
    void status(NetConf conf, CniEnv env);

    /**
     * True when a second ADD for the same handle returns the address already held (the agent's assign); false when
     * it is refused (host-local), so that a runtime's retried ADD must release first.
     */
    default boolean idempotentAdd() {
        return true;
    }

    /** An allocation and the pod MTU its source suggests (0 when it has no opinion). */
    record Lease(Result result, int mtu) {}
}
