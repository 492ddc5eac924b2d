package dev.brindle.agent;

import dev.brindle.agent.dataplane.Tunl0Device;
import dev.brindle.agent.dataplane.VxlanDevice;
import dev.brindle.core.AddressWithPrefix;
import dev.brindle.ipam.IpamStore;
import dev.brindle.ipam.Pool;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;

/**
 * The pod MTU the agent tells the CNI plugin (calico-facts.md §4.8): the underlay interface's MTU minus the largest
 * encapsulation overhead any enabled pool uses (IPIP 20, VXLAN 50); 0 when the underlay interface is not found. The
 * underlay's MTU is read at every request, so a changed underlay MTU is offered to the next pod at once (the
 * dataplane reprograms the tunnel devices on the same link notification).
 */
final class PodMtu {
    private final AddressWithPrefix underlay;
    private final IpamStore store;

    PodMtu(AddressWithPrefix underlay, IpamStore store) {
        this.underlay = underlay;
        this.store = store;
    }

    int get() {
        int mtu;
        try {
            NetworkInterface i = NetworkInterface.getByInetAddress(underlay.address());
            if (i == null) {
                return 0;
            }
            mtu = i.getMTU();
        } catch (SocketException e) {
            return 0;
        }
        return of(mtu, store.pools());
    }

    /** The pod MTU on an underlay of MTU {@code underlayMtu} with these pools. */
    static int of(int underlayMtu, List<Pool> pools) {
        return underlayMtu - overhead(pools);
    }

    static int overhead(List<Pool> pools) {
        int worst = 0;
        for (Pool p : pools) {
            if (p.disabled()) {
                continue;
            }
            if (p.vxlanMode().enabled()) {
                worst = Math.max(worst, VxlanDevice.OVERHEAD);
            } else if (p.ipipMode().enabled()) {
                worst = Math.max(worst, Tunl0Device.OVERHEAD);
            }
        }
        return worst;
    }
}
