package dev.brindle.datastore.resource;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.selector.Selector;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A range of addresses that IPAM carves into blocks (calico-facts §3). Calico's field names and meanings; the spec
 * constructor fills the defaults and refuses what Calico refuses, naming every broken field at once. Rules that need
 * other objects (overlap with other pools, immutable fields) are in {@link IPPoolRules}.
 */
public record IPPool(Metadata metadata, Spec spec) implements Resource {
    public IPPool {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
    }

    public static IPPool of(String name, String cidr) {
        return new IPPool(Metadata.named(name), Spec.defaults(IpPrefix.parse(cidr)));
    }

    @Override
    public Kind<IPPool> kind() {
        return Kind.IPPOOL;
    }

    @Override
    public IPPool withMetadata(Metadata m) {
        return new IPPool(m, spec);
    }

    public IPPool withSpec(Spec s) {
        return new IPPool(metadata, s);
    }

    /** True when this pool may hand out addresses to the node with these labels for this use (automatically). */
    public boolean serves(Map<String, String> nodeLabels, AllowedUse use) {
        return !spec.disabled()
                && spec.assignmentMode() == AssignmentMode.Automatic
                && spec.allowedUses().contains(use)
                && spec.nodeSelector().matches(nodeLabels);
    }

    static final String CIDR_PATTERN = "^([0-9]{1,3}\\.){3}[0-9]{1,3}/[0-9]{1,2}$|^[0-9a-fA-F:.]+/[0-9]{1,3}$";

    // The CRD's copy of the rules, for writes that bypass brindle (kubectl); absent fields are the defaults.
    @ValidationRule(value = "self.cidr == oldSelf.cidr", message = "cidr is immutable")
    @ValidationRule(
            value = "!has(oldSelf.blockSize) || (has(self.blockSize) && self.blockSize == oldSelf.blockSize)",
            message = "blockSize is immutable")
    @ValidationRule(
            value = "!(has(self.ipipMode) && self.ipipMode != 'Never' && has(self.vxlanMode)"
                    + " && self.vxlanMode != 'Never')",
            message = "ipipMode and vxlanMode cannot both be enabled")
    @ValidationRule(
            value = "!(self.cidr.contains(':') && has(self.ipipMode) && self.ipipMode != 'Never')",
            message = "IPIP is only for IPv4 pools")
    @ValidationRule(
            value = "!has(self.blockSize) || (self.cidr.contains(':') ? (self.blockSize >= 116 && self.blockSize"
                    + " <= 128) : (self.blockSize >= 20 && self.blockSize <= 32))",
            message = "blockSize must be 20-32 for IPv4 and 116-128 for IPv6")
    public record Spec(
            @Required @JsonSerialize(using = ToStringSerializer.class) @Pattern(CIDR_PATTERN) @Size(max = 48)
            IpPrefix cidr,

            @Min(20) @Max(128) int blockSize,

            EncapMode ipipMode,
            EncapMode vxlanMode,
            boolean natOutgoing,
            boolean disabled,
            boolean disableBGPExport,

            @JsonSerialize(using = ToStringSerializer.class) @Size(max = 1024)
            Selector nodeSelector,

            List<AllowedUse> allowedUses,
            AssignmentMode assignmentMode) {

        public Spec {
            ipipMode = ipipMode == null ? EncapMode.Never : ipipMode;
            vxlanMode = vxlanMode == null ? EncapMode.Never : vxlanMode;
            nodeSelector = nodeSelector == null ? Selector.ALL : nodeSelector;
            allowedUses = allowedUses == null || allowedUses.isEmpty()
                    ? List.of(AllowedUse.Workload, AllowedUse.Tunnel)
                    : List.copyOf(allowedUses);
            assignmentMode = assignmentMode == null ? AssignmentMode.Automatic : assignmentMode;
            if (blockSize == 0 && cidr != null) {
                blockSize = cidr.family() == IpFamily.V4 ? 26 : 122;
            }
            check(cidr, blockSize, ipipMode, vxlanMode);
        }

        /** A pool with every default: /26 (or /122) blocks, no encapsulation, all nodes. */
        public static Spec defaults(IpPrefix cidr) {
            return new Spec(cidr, 0, null, null, false, false, false, null, null, null);
        }

        private static void check(IpPrefix cidr, int blockSize, EncapMode ipip, EncapMode vxlan) {
            Errors errors = new Errors("IPPool spec");
            if (!errors.check(
                    cidr == null, "spec.cidr", "is required (a strictly masked CIDR such as 10.244.0.0/16)")) {
                checkCidr(errors, cidr, blockSize, ipip);
            }
            errors.check(
                    ipip.enabled() && vxlan.enabled(),
                    "spec.vxlanMode",
                    "ipipMode and vxlanMode cannot both be enabled (ipipMode " + ipip + ", vxlanMode " + vxlan + ")");
            errors.throwIfAny();
        }

        private static void checkCidr(Errors errors, IpPrefix cidr, int blockSize, EncapMode ipip) {
            boolean v4 = cidr.family() == IpFamily.V4;
            IpPrefix linkLocal = IpPrefix.parse(v4 ? "169.254.0.0/16" : "fe80::/10");
            errors.check(
                    cidr.overlaps(linkLocal),
                    "spec.cidr",
                    "must not overlap the link-local range " + linkLocal + ", got " + cidr);
            int min = v4 ? 20 : 116;
            int max = v4 ? 32 : 128;
            if (!errors.check(
                    blockSize < min || blockSize > max,
                    "spec.blockSize",
                    "must be between " + min + " and " + max + " for IPv" + (v4 ? "4" : "6") + ", got " + blockSize)) {
                errors.check(
                        blockSize < cidr.length(),
                        "spec.blockSize",
                        "must be at least the pool's prefix length " + cidr.length()
                                + " (the pool is smaller than one block), got " + blockSize);
            }
            errors.check(
                    !v4 && ipip.enabled(),
                    "spec.ipipMode",
                    "IPIP is only for IPv4 pools; use vxlanMode for IPv6, got " + ipip);
        }

        public IpFamily family() {
            return cidr.family();
        }

        public Spec withDisabled(boolean value) {
            return new Spec(
                    cidr,
                    blockSize,
                    ipipMode,
                    vxlanMode,
                    natOutgoing,
                    value,
                    disableBGPExport,
                    nodeSelector,
                    allowedUses,
                    assignmentMode);
        }

        public Spec withEncapsulation(EncapMode ipip, EncapMode vxlan) {
            return new Spec(
                    cidr,
                    blockSize,
                    ipip,
                    vxlan,
                    natOutgoing,
                    disabled,
                    disableBGPExport,
                    nodeSelector,
                    allowedUses,
                    assignmentMode);
        }

        public Spec withNatOutgoing(boolean value) {
            return new Spec(
                    cidr,
                    blockSize,
                    ipipMode,
                    vxlanMode,
                    value,
                    disabled,
                    disableBGPExport,
                    nodeSelector,
                    allowedUses,
                    assignmentMode);
        }

        public Spec withNodeSelector(Selector selector) {
            return new Spec(
                    cidr,
                    blockSize,
                    ipipMode,
                    vxlanMode,
                    natOutgoing,
                    disabled,
                    disableBGPExport,
                    selector,
                    allowedUses,
                    assignmentMode);
        }
    }
}
