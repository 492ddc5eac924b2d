package dev.brindle.netlink.fake;

import dev.brindle.core.IpFamily;
import dev.brindle.netlink.Address;
import dev.brindle.netlink.FakeNetlink;
import dev.brindle.netlink.FdbEntry;
import dev.brindle.netlink.Link;
import dev.brindle.netlink.Neighbour;
import dev.brindle.netlink.Netlink;
import dev.brindle.netlink.Route;
import dev.brindle.netlink.RouteFilter;
import dev.brindle.netlink.contract.ContractEnv;
import dev.brindle.netlink.contract.Observer;
import java.nio.file.Path;
import java.util.List;

/** The contract environment over {@link FakeNetlink}: the observer is the fake's own state. */
final class FakeContractEnv implements ContractEnv {
    private static final Path TEST_NS = Path.of("/run/netns/contract");
    private final FakeNetlink kernel = new FakeNetlink();
    private final FakeNetlink testNs = kernel.namespace(TEST_NS);

    @Override
    public Netlink netlink() {
        return testNs;
    }

    @Override
    public Path path() {
        return TEST_NS;
    }

    @Override
    public Path newNamespace(String name) {
        Path path = Path.of("/run/netns/" + name);
        kernel.namespace(path);
        return path;
    }

    @Override
    public Observer observer(Path namespace) {
        Netlink view = kernel.openIn(namespace);
        return new Observer() {
            @Override
            public List<Link> links() {
                return view.listLinks();
            }

            @Override
            public List<Address> addresses(IpFamily family) {
                return view.listAddresses(0, family);
            }

            @Override
            public List<Route> routes(RouteFilter filter) {
                return view.listRoutes(filter);
            }

            @Override
            public List<Neighbour> neighbours(IpFamily family) {
                return view.listNeighbours(0, family);
            }

            @Override
            public List<FdbEntry> fdb(int linkIndex) {
                return view.listFdb(linkIndex);
            }

            @Override
            public String sysctl(String path) {
                return view.sysctl().get(path);
            }
        };
    }

    @Override
    public void close() {
        kernel.close();
    }
}
