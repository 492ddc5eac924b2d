package dev.brindle.datastore.resource;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.brindle.core.IpPrefix;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A node's claim on a block (calico-facts §2.1, §2.3 step 6): created {@code pending}, then {@code confirmed} once the
 * block itself was created with this node's affinity. Pending affinities count as absent for ownership and routing.
 */
public record BlockAffinity(Metadata metadata, Spec spec) implements Resource {
    private static final int MAX_NAME = 253;

    public BlockAffinity {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
    }

    public static BlockAffinity pending(String node, IpPrefix cidr) {
        return new BlockAffinity(Metadata.named(nameFor(node, cidr)), new Spec(node, cidr, State.pending, false));
    }

    /**
     * {@code <node>-<block name>}; when that would reach 253 characters the node part is cut and 11 hex characters
     * of SHA-256("node+blockname") keep it unique, as Calico does.
     */
    public static String nameFor(String node, IpPrefix cidr) {
        String block = IPAMBlock.nameFor(cidr);
        String name = node + "-" + block;
        if (name.length() < MAX_NAME) {
            return name;
        }
        String hash = sha256Hex(node + "+" + block).substring(0, 11);
        int keep = MAX_NAME - 1 - block.length() - hash.length() - 2;
        return node.substring(0, keep) + "-" + hash + "-" + block;
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public Kind<BlockAffinity> kind() {
        return Kind.BLOCK_AFFINITY;
    }

    @Override
    public BlockAffinity withMetadata(Metadata m) {
        return new BlockAffinity(m, spec);
    }

    public BlockAffinity withState(State state) {
        return new BlockAffinity(metadata, new Spec(spec.node, spec.cidr, state, spec.deleted));
    }

    /** Lower-case constants: the wire values of Calico's affinity state. */
    public enum State {
        pending,
        confirmed,
        pendingDeletion
    }

    public record Spec(
            @Required String node,

            @Required @JsonSerialize(using = ToStringSerializer.class) @Pattern(IPPool.CIDR_PATTERN)
            IpPrefix cidr,

            State state,
            boolean deleted) {
        public Spec {
            Errors errors = new Errors("BlockAffinity spec");
            errors.check(node == null || node.isEmpty(), "spec.node", "is required");
            errors.check(cidr == null, "spec.cidr", "is required");
            errors.throwIfAny();
            state = state == null ? State.pending : state;
        }
    }
}
