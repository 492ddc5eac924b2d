package dev.brindle.cni.dataplane;

import dev.brindle.netlink.Netlink;
import dev.brindle.netlink.NetlinkException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@link Kernel} over the netlink module. The node's handle is opened on first use only, so that VERSION, GC,
 * STATUS and a DEL without a netns never load the native netlink code.
 */
public final class NetlinkKernel implements Kernel {
    private final Supplier<Netlink> opener;
    private final Consumer<String> pathCheck;
    private Netlink host;

    /** {@code pathCheck} vets a CNI_NETNS path before it is opened ({@link NetnsPaths#check} on a real system). */
    public NetlinkKernel(Supplier<Netlink> opener, Consumer<String> pathCheck) {
        this.opener = opener;
        this.pathCheck = pathCheck;
    }

    private Netlink hostNetlink() {
        if (host == null) {
            host = opener.get();
        }
        return host;
    }

    @Override
    public Netns host() {
        return new NetlinkNetns(hostNetlink(), "", false);
    }

    @Override
    public void close() {
        if (host != null) {
            host.close();
            host = null;
        }
    }

    @Override
    public Netns open(String path) {
        pathCheck.accept(path);
        try {
            return new NetlinkNetns(hostNetlink().openIn(Path.of(path)), path, true);
        } catch (NetlinkException e) {
            if (e.isNotFound()) {
                throw new NetnsGoneException(path);
            }
            throw e;
        }
    }
}
