package dev.brindle.netlink.contract;

import dev.brindle.core.IpFamily;
import dev.brindle.netlink.Address;
import dev.brindle.netlink.FdbEntry;
import dev.brindle.netlink.Link;
import dev.brindle.netlink.Neighbour;
import dev.brindle.netlink.Route;
import dev.brindle.netlink.RouteFilter;
import java.util.List;

/**
 * Reads a namespace's state without going through the implementation under test. For the real kernel this is
 * {@code ip -j} (iproute2's own encoder and decoder), so a wrong encoding cannot pass by reading back its own
 * mistake.
 */
public interface Observer {
    List<Link> links();

    List<Address> addresses(IpFamily family);

    List<Route> routes(RouteFilter filter);

    List<Neighbour> neighbours(IpFamily family);

    List<FdbEntry> fdb(int linkIndex);

    String sysctl(String path);
}
