package dev.brindle.netlink;

import dev.brindle.core.MacAddress;
import java.net.InetAddress;

/**
 * A bridge forwarding entry on a VXLAN device (AF_BRIDGE, NTF_SELF, NUD_PERMANENT): frames for {@code mac} are
 * sent to the VTEP at {@code destination} ({@code bridge fdb ... dev vxlan.x dst IP self permanent}).
 */
public record FdbEntry(int linkIndex, MacAddress mac, InetAddress destination) {
    public FdbEntry {
        if (linkIndex <= 0) {
            throw new IllegalArgumentException("FDB entry " + mac + " needs a link index > 0, not " + linkIndex);
        }
    }
}
