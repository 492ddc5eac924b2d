package dev.brindle.agent.dataplane;

import dev.brindle.core.MacAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A node's VTEP MAC when its Node record carries none (CONTRACT.md; calico-facts §4.5): {@code 0x66} followed by the
 * first 5 bytes of SHA-1(node name). 0x66 has the locally-administered bit set and the multicast bit clear.
 */
public final class VtepMac {
    private VtepMac() {}

    public static MacAddress of(String nodeName) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-1").digest(nodeName.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
        byte[] mac = {0x66, digest[0], digest[1], digest[2], digest[3], digest[4]};
        return MacAddress.ofBytes(mac);
    }
}
