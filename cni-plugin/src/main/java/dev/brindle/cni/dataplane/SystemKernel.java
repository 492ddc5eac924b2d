package dev.brindle.cni.dataplane;

import dev.brindle.netlink.rt.RtNetlink;

/** The real kernel: rtnetlink through the netlink module, CNI_NETNS paths vetted by {@link NetnsPaths}. */
public final class SystemKernel implements Kernel {
    private final Kernel delegate = new NetlinkKernel(RtNetlink::open, NetnsPaths::check);

    @Override
    public Netns host() {
        return delegate.host();
    }

    @Override
    public Netns open(String path) {
        return delegate.open(path);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
