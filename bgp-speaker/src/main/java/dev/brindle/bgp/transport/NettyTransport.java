package dev.brindle.bgp.transport;

import dev.brindle.bgp.codec.BgpFrameDecoder;
import dev.brindle.bgp.codec.BgpMessageEncoder;
import dev.brindle.bgp.session.PeerConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * TCP for BGP on Netty's native epoll transport: one listening socket, outgoing connections per peer, and TCP-MD5
 * signatures (RFC 2385) through {@link EpollChannelOption#TCP_MD5SIG} on both — on the listening socket as a map of
 * peer address to key (the kernel picks the key per incoming SYN), on each outgoing socket for its one peer.
 *
 * <p>An MD5 mismatch is silent by design: the kernel drops the unsigned or wrongly signed segments, no RST, no
 * NOTIFICATION (bgp-facts.md trap 12).
 */
public final class NettyTransport {
    /** Connect timeout: the FSM's ConnectRetry timer decides when to try again. */
    private static final int CONNECT_TIMEOUT_MS = 5000;

    private final EventLoopGroup group;
    private final Function<InetAddress, Optional<PeerEndpoint>> lookup;
    private Optional<Channel> server = Optional.empty();

    public NettyTransport(EventLoopGroup group, Function<InetAddress, Optional<PeerEndpoint>> lookup) {
        this.group = group;
        this.lookup = lookup;
    }

    /** Binds the listening socket (blocking until bound) with the MD5 keys known so far. */
    public void listen(InetSocketAddress address, Map<InetAddress, String> md5Keys) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(EpollServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer(false));
        if (!md5Keys.isEmpty()) {
            b.option(EpollChannelOption.TCP_MD5SIG, keyBytes(md5Keys));
        }
        server = Optional.of(b.bind(address).sync().channel());
    }

    /** Replaces the listening socket's MD5 keys, e.g. when a peer is added or removed at runtime. */
    public void updateMd5Keys(Map<InetAddress, String> md5Keys) {
        server.ifPresent(s -> s.config().setOption(EpollChannelOption.TCP_MD5SIG, keyBytes(md5Keys)));
    }

    /** Connects to a peer; the handler reports success to the FSM, {@code onFailure} runs if the connect fails. */
    public void dial(PeerConfig peer, Optional<InetAddress> localAddress, Runnable onFailure) {
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(EpollSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
                .handler(initializer(true));
        peer.md5Key().ifPresent(k -> b.option(EpollChannelOption.TCP_MD5SIG, keyBytes(Map.of(peer.address(), k))));
        ChannelFuture f = localAddress
                .map(l -> b.connect(new InetSocketAddress(peer.address(), peer.port()), new InetSocketAddress(l, 0)))
                .orElseGet(() -> b.connect(new InetSocketAddress(peer.address(), peer.port())));
        f.addListener(done -> {
            if (!done.isSuccess()) {
                onFailure.run();
            }
        });
    }

    public void close() {
        server.ifPresent(Channel::close);
    }

    private ChannelInitializer<Channel> initializer(boolean outbound) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline()
                        .addLast("decoder", new BgpFrameDecoder())
                        .addLast("encoder", BgpMessageEncoder.INSTANCE)
                        .addLast("session", new SessionHandler(outbound, lookup));
            }
        };
    }

    private static Map<InetAddress, byte[]> keyBytes(Map<InetAddress, String> keys) {
        Map<InetAddress, byte[]> out = new HashMap<>();
        keys.forEach((a, k) -> out.put(a, k.getBytes(StandardCharsets.US_ASCII)));
        return out;
    }
}
