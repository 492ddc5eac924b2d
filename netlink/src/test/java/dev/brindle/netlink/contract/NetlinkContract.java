package dev.brindle.netlink.contract;

import static dev.brindle.core.AddressWithPrefix.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import dev.brindle.core.MacAddress;
import dev.brindle.netlink.Address;
import dev.brindle.netlink.Link;
import dev.brindle.netlink.LinkKind;
import dev.brindle.netlink.Netlink;
import dev.brindle.netlink.NetlinkException;
import dev.brindle.netlink.RouteScope;
import dev.brindle.netlink.VethSpec;
import java.nio.file.Path;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of the netlink contract suite: every case runs against {@code FakeNetlink} and against the real kernel
 * in a fresh namespace. After every case the implementation's view of the namespace must equal the independent
 * observer's (links, addresses, routes, neighbours, FDB), so decoding is checked as well as encoding.
 */
public abstract class NetlinkContract {
    protected ContractEnv env;
    protected Netlink nl;
    protected Observer seen;

    protected abstract ContractEnv newEnv();

    @BeforeEach
    void openEnv() {
        env = newEnv();
        nl = env.netlink();
        seen = env.observer(env.path());
    }

    @AfterEach
    void implementationAgreesWithObserverAndClose() {
        try {
            StateAgreement.check(nl, seen);
        } finally {
            nl.close();
            env.close();
        }
    }

    /**
     * A veth pair {@code up0}/{@code up1}, both up, with 10.0.0.1/24 and fd00::1/64 on up0: a link that routes can
     * use.
     */
    protected Link uplink() {
        Link up0 = nl.createVeth(VethSpec.of("up0", "up1"));
        nl.setLinkUp("up0", true);
        nl.setLinkUp("up1", true);
        nl.addAddress(up0.index(), parse("10.0.0.1/24"));
        nl.addAddress(up0.index(), parse("fd00::1/64"));
        return nl.link("up0");
    }

    protected static IpPrefix prefix(String text) {
        return IpPrefix.parse(text);
    }

    protected static java.net.InetAddress ip(String text) {
        return IpAddresses.parse(text);
    }

    protected static MacAddress mac(String text) {
        return MacAddress.parse(text);
    }

    protected static Address address(Link link, String text) {
        return Address.of(link.index(), AddressWithPrefix.parse(text));
    }

    protected static Address address(Link link, String text, RouteScope scope) {
        return new Address(link.index(), AddressWithPrefix.parse(text), scope);
    }

    /** Asserts the call fails with a NetlinkException carrying {@code errnoName}, and returns it. */
    protected static NetlinkException assertErrno(String errnoName, ThrowingCallable call) {
        var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(NetlinkException.class, call);
        assertThat(thrown).as("expected NetlinkException " + errnoName).isNotNull();
        assertThat(thrown.errnoName()).as(thrown.getMessage()).isEqualTo(errnoName);
        return thrown;
    }

    protected static void assertInvalid(String messagePart, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(messagePart);
    }

    protected Optional<Link> observed(String name) {
        return seen.links().stream().filter(l -> l.name().equals(name)).findFirst();
    }

    protected static Optional<Link> observedIn(Observer observer, String name) {
        return observer.links().stream().filter(l -> l.name().equals(name)).findFirst();
    }

    protected static LinkKind kind(Link link) {
        return link.kind();
    }

    protected Path otherNamespace(String name) {
        return env.newNamespace(name);
    }
}
