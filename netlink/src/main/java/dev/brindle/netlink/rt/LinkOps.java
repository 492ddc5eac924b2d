package dev.brindle.netlink.rt;

import dev.brindle.netlink.Link;
import dev.brindle.netlink.NetworkNamespace;
import dev.brindle.netlink.VethSpec;
import dev.brindle.netlink.codec.LinkMessages;
import dev.brindle.netlink.codec.Nl;
import dev.brindle.netlink.codec.NlWriter;
import java.util.List;
import java.util.function.Consumer;

/** The link requests of {@link RtNetlink}: get, list, create, RTM_SETLINK. */
final class LinkOps {
    private static final NetlinkChannel.Decoder<Link> DECODER =
            (buf, at, type) -> type == Nl.RTM_NEWLINK ? LinkMessages.decode(buf, at) : null;

    private final NetlinkChannel channel;

    LinkOps(NetlinkChannel channel) {
        this.channel = channel;
    }

    List<Link> list() {
        return channel.dump("list links", LinkMessages::dump, DECODER);
    }

    Link get(String name) {
        return channel.get("get link", name, w -> LinkMessages.getByName(w, name), DECODER);
    }

    Link get(int index) {
        return channel.get("get link", "#" + index, w -> LinkMessages.getByIndex(w, index), DECODER);
    }

    /** Creates the pair; a peer namespace is opened for the request (IFLA_NET_NS_FD) and closed after it. */
    Link createVeth(VethSpec spec) {
        if (spec.peerNamespace().isPresent()) {
            try (NetworkNamespace ns =
                    NetworkNamespace.open(spec.peerNamespace().get())) {
                channel.execute("create veth", spec.name(), w -> LinkMessages.newVeth(w, spec, ns.fd()));
            }
        } else {
            channel.execute("create veth", spec.name(), w -> LinkMessages.newVeth(w, spec, -1));
        }
        return get(spec.name());
    }

    Link createSimple(String name, String kind) {
        channel.execute("create " + kind, name, w -> LinkMessages.newSimple(w, name, kind));
        return get(name);
    }

    void set(String name, String operation, int ifFlags, int ifChange, Consumer<NlWriter> attributes) {
        channel.execute(operation, name, w -> {
            attributes.accept(LinkMessages.setLink(w, name, ifFlags, ifChange));
            w.end();
        });
    }
}
