package dev.brindle.bgp.session;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * One configured peer.
 *
 * @param remoteAs the AS the peer must announce in its OPEN (else NOTIFICATION 2/2)
 * @param passive never connect, only accept (RFC 4271 §8.1.1 PassiveTcpEstablishment; Calico's mesh rule)
 * @param md5Key the TCP-MD5 password (RFC 2385), if any
 * @param holdTimeSeconds the hold time we offer: 0 or ≥ 3 (RFC 4271 §4.2)
 * @param connectRetry the ConnectRetry interval before jitter (RFC 4271 §10; Calico uses 3 s)
 * @param reflectorClient the peer is our route-reflector client (RFC 4456)
 */
public record PeerConfig(
        InetAddress address,
        int port,
        long remoteAs,
        boolean passive,
        Optional<String> md5Key,
        int holdTimeSeconds,
        Duration connectRetry,
        boolean reflectorClient) {

    public static final int BGP_PORT = 179;
    public static final int DEFAULT_HOLD_TIME = 90;
    public static final Duration DEFAULT_CONNECT_RETRY = Duration.ofSeconds(3);

    public PeerConfig {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("peer " + address + ": port " + port + " must be 1..65535");
        }
        if (remoteAs < 1 || remoteAs > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("peer " + address + ": AS " + remoteAs + " must be 1..4294967295");
        }
        if (holdTimeSeconds == 1 || holdTimeSeconds == 2 || holdTimeSeconds < 0 || holdTimeSeconds > 65535) {
            throw new IllegalArgumentException("peer " + address + ": hold time " + holdTimeSeconds
                    + " must be 0 or 3..65535 seconds (RFC 4271 §4.2)");
        }
        if (connectRetry.isNegative() || connectRetry.isZero()) {
            throw new IllegalArgumentException("peer " + address + ": connect retry must be positive");
        }
        md5Key.ifPresent(k -> {
            if (k.isEmpty() || k.length() > 80) {
                throw new IllegalArgumentException(
                        "peer " + address + ": a TCP-MD5 key has 1..80 characters (TCP_MD5SIG_MAXKEYLEN)");
            }
        });
    }

    /** A peer with defaults: port 179, active, no MD5, hold 90 s, connect retry 3 s, not a reflector client. */
    public static PeerConfig of(InetAddress address, long remoteAs) {
        return new PeerConfig(
                address, BGP_PORT, remoteAs, false, Optional.empty(), DEFAULT_HOLD_TIME, DEFAULT_CONNECT_RETRY, false);
    }

    /** A node-to-node mesh peer: passive exactly when Calico's rule says so ({@link MeshDirection}). */
    public static PeerConfig meshPeer(InetAddress self, InetAddress peer, long asNumber) {
        return of(peer, asNumber).withPassive(MeshDirection.waitsFor(self, peer));
    }

    public PeerConfig withPassive(boolean value) {
        return new PeerConfig(address, port, remoteAs, value, md5Key, holdTimeSeconds, connectRetry, reflectorClient);
    }

    public PeerConfig withPort(int value) {
        return new PeerConfig(
                address, value, remoteAs, passive, md5Key, holdTimeSeconds, connectRetry, reflectorClient);
    }

    public PeerConfig withMd5Key(String key) {
        return new PeerConfig(
                address, port, remoteAs, passive, Optional.of(key), holdTimeSeconds, connectRetry, reflectorClient);
    }

    public PeerConfig withHoldTime(int seconds) {
        return new PeerConfig(address, port, remoteAs, passive, md5Key, seconds, connectRetry, reflectorClient);
    }

    public PeerConfig withConnectRetry(Duration value) {
        return new PeerConfig(address, port, remoteAs, passive, md5Key, holdTimeSeconds, value, reflectorClient);
    }

    public PeerConfig withReflectorClient(boolean value) {
        return new PeerConfig(address, port, remoteAs, passive, md5Key, holdTimeSeconds, connectRetry, value);
    }
}
