package dev.brindle.bgp.cli;

import dev.brindle.bgp.session.MeshDirection;
import dev.brindle.bgp.session.PeerConfig;
import dev.brindle.core.IpAddresses;
import java.net.InetAddress;
import java.time.Duration;

/**
 * Parses {@code --peer ADDR[:port][,as=N][,md5=KEY][,passive][,mesh][,hold=S][,connect-retry=S][,rr-client]}; the
 * AS defaults to ours (iBGP). {@code mesh} makes the peer passive exactly when Calico's node-to-node mesh rule says
 * we wait for it ({@link dev.brindle.bgp.session.MeshDirection}).
 */
final class PeerOption {
    private PeerOption() {}

    static PeerConfig parse(String text, InetAddress self, long defaultAs, int defaultHold, Duration defaultRetry) {
        String[] parts = text.split(",");
        HostPort hp = HostPort.parse(parts[0], PeerConfig.BGP_PORT);
        PeerConfig p = PeerConfig.of(hp.address(), defaultAs)
                .withPort(hp.port())
                .withHoldTime(defaultHold)
                .withConnectRetry(defaultRetry);
        for (int i = 1; i < parts.length; i++) {
            p = apply(p, parts[i], text, self);
        }
        return p;
    }

    private static PeerConfig apply(PeerConfig p, String option, String whole, InetAddress self) {
        int eq = option.indexOf('=');
        String key = eq < 0 ? option : option.substring(0, eq);
        String value = eq < 0 ? "" : option.substring(eq + 1);
        try {
            return switch (key) {
                case "as" ->
                    new PeerConfig(
                            p.address(),
                            p.port(),
                            Long.parseLong(value),
                            p.passive(),
                            p.md5Key(),
                            p.holdTimeSeconds(),
                            p.connectRetry(),
                            p.reflectorClient());
                case "md5" -> p.withMd5Key(value);
                case "passive" -> p.withPassive(true);
                case "mesh" -> p.withPassive(MeshDirection.waitsFor(self, p.address()));
                case "hold" -> p.withHoldTime(Integer.parseInt(value));
                case "connect-retry" ->
                    p.withConnectRetry(Duration.ofMillis((long) (Double.parseDouble(value) * 1000)));
                case "rr-client" -> p.withReflectorClient(true);
                default -> throw new IllegalArgumentException("unknown option '" + key + "'");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--peer " + whole + ": '" + option + "' needs a number", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--peer " + whole + ": " + e.getMessage()
                            + " (options: as=N, md5=KEY, passive, mesh, hold=S, connect-retry=S, rr-client)",
                    e);
        }
    }

    /** An address with an optional {@code :port}. IPv6 needs brackets: {@code [2001:db8::1]:179}. */
    record HostPort(InetAddress address, int port) {
        static HostPort parse(String text, int defaultPort) {
            if (text.startsWith("[")) {
                int close = text.indexOf(']');
                InetAddress a = IpAddresses.parse(text.substring(1, close));
                return new HostPort(a, close + 1 < text.length() ? port(text.substring(close + 2)) : defaultPort);
            }
            int colon = text.indexOf(':');
            if (colon >= 0 && text.indexOf(':', colon + 1) < 0) {
                return new HostPort(IpAddresses.parse(text.substring(0, colon)), port(text.substring(colon + 1)));
            }
            return new HostPort(IpAddresses.parse(text), defaultPort);
        }

        private static int port(String s) {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + s + "' is not a port number", e);
            }
        }
    }
}
