package dev.brindle.agent.dataplane;

import dev.brindle.core.IpPrefix;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * natOutgoing through nftables: runs {@code nft -f -} with a script that (re)creates table {@code ip brindle} in one
 * transaction (nft applies a file atomically). The rule is Calico's (calico-facts §4.9) in nftables form: source in
 * a natOutgoing pool, destination outside every pool → masquerade, so pod-to-pod traffic is never NATed.
 *
 * <p>This runs an external program on purpose: nftables' netlink protocol (nf_tables over NETLINK_NETFILTER) is a
 * large surface, and {@code nft} is present wherever nftables is. {@code commandPrefix} lets tests run it inside a
 * namespace ({@code ip netns exec <ns>}).
 */
public final class NftNatTable implements NatTable {
    public static final String TABLE = "brindle";

    private final List<String> commandPrefix;

    public NftNatTable(List<String> commandPrefix) {
        this.commandPrefix = List.copyOf(commandPrefix);
    }

    /** The script that makes the table match {@code rules}. */
    static String script(NatRules rules) {
        // "add table" then "delete table" makes the delete succeed whether or not the table existed; both and the
        // new content form one transaction.
        StringBuilder s = new StringBuilder();
        s.append("add table ip ").append(TABLE).append('\n');
        s.append("delete table ip ").append(TABLE).append('\n');
        if (rules.empty()) {
            return s.toString();
        }
        s.append("table ip ").append(TABLE).append(" {\n");
        s.append("  set masq-pools { type ipv4_addr; flags interval; elements = { ")
                .append(join(rules.masqueradePools()))
                .append(" } }\n");
        s.append("  set all-pools { type ipv4_addr; flags interval; elements = { ")
                .append(join(rules.allPools()))
                .append(" } }\n");
        s.append("  chain nat-outgoing {\n");
        s.append("    type nat hook postrouting priority srcnat; policy accept;\n");
        s.append("    ip saddr @masq-pools ip daddr != @all-pools masquerade fully-random\n");
        s.append("  }\n}\n");
        return s.toString();
    }

    private static String join(List<IpPrefix> prefixes) {
        return prefixes.stream().map(IpPrefix::toString).collect(Collectors.joining(", "));
    }

    @Override
    public void sync(NatRules rules) {
        List<String> command = new ArrayList<>(commandPrefix);
        command.addAll(List.of("nft", "-f", "-"));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(script(rules).getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new NatException("nft -f - did not finish within 30 s");
            }
            if (p.exitValue() != 0) {
                throw new NatException("nft -f - failed (exit " + p.exitValue() + "): " + output);
            }
        } catch (IOException e) {
            throw new NatException("cannot run nft (install the nftables package): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatException("interrupted while running nft");
        }
    }
}
