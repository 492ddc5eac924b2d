package dev.brindle.bgp.transport;

import dev.brindle.bgp.codec.AfiSafi;
import dev.brindle.bgp.codec.BgpKeepalive;
import dev.brindle.bgp.codec.BgpOpen;
import dev.brindle.bgp.codec.BgpRouteRefresh;
import dev.brindle.bgp.rib.RouteUpdate;
import dev.brindle.bgp.session.Connection;
import dev.brindle.bgp.session.NotificationReason;
import dev.brindle.bgp.session.OpenParameters;
import dev.brindle.bgp.session.RouteRefresh;
import dev.brindle.core.IpFamily;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/** A {@link Connection} over a Netty channel whose pipeline holds the codec's decoder and encoder. */
final class NettyConnection implements Connection {
    private final Channel channel;
    private final boolean locallyInitiated;
    private Optional<BgpOpen> sentOpen = Optional.empty();

    NettyConnection(Channel channel, boolean locallyInitiated) {
        this.channel = channel;
        this.locallyInitiated = locallyInitiated;
    }

    Optional<BgpOpen> sentOpen() {
        return sentOpen;
    }

    Channel channel() {
        return channel;
    }

    @Override
    public boolean locallyInitiated() {
        return locallyInitiated;
    }

    @Override
    public InetAddress localAddress() {
        return ((InetSocketAddress) channel.localAddress()).getAddress();
    }

    @Override
    public void sendOpen(OpenParameters open) {
        BgpOpen msg = MessageMapping.toOpen(open);
        sentOpen = Optional.of(msg);
        channel.write(msg);
    }

    @Override
    public void sendKeepalive() {
        channel.write(BgpKeepalive.INSTANCE);
    }

    @Override
    public void sendNotification(NotificationReason reason) {
        channel.writeAndFlush(MessageMapping.toNotification(reason)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void sendUpdate(RouteUpdate update) {
        channel.write(UpdateMapping.toUpdate(update));
    }

    @Override
    public void sendRouteRefresh(IpFamily family, RouteRefresh kind) {
        channel.write(new BgpRouteRefresh(AfiSafi.unicast(family), kind.subtype()));
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public String toString() {
        return (locallyInitiated ? "out " : "in ") + channel.localAddress() + " <-> " + channel.remoteAddress();
    }
}
