package dev.brindle.bgp.speaker;

import dev.brindle.bgp.codec.OpenValidator;
import dev.brindle.bgp.policy.ExportPolicy;
import dev.brindle.bgp.policy.ImportPolicy;
import dev.brindle.bgp.session.DownCause;
import dev.brindle.bgp.session.EstablishedSession;
import dev.brindle.bgp.session.NotificationReason;
import dev.brindle.bgp.session.PeerConfig;
import dev.brindle.bgp.session.PeerFsm;
import dev.brindle.bgp.session.RouteRefresh;
import dev.brindle.bgp.session.SessionListener;
import dev.brindle.bgp.session.SessionState;
import dev.brindle.bgp.session.TimerService;
import dev.brindle.bgp.transport.EventLoopTimers;
import dev.brindle.bgp.transport.NettyTransport;
import dev.brindle.bgp.transport.PeerEndpoint;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BGP speaker the node agent embeds: it peers, exchanges routes and reports; it never touches the kernel.
 *
 * <p>The agent announces its blocks ({@link #announce}), follows the node list with {@link #addPeer} / {@link
 * #removePeer}, programs routes from the {@link BestRouteListener} events, and shows {@link #peerStatus()} in
 * {@code brindlectl node status}. All methods are thread-safe: they hand their work to the speaker's single event
 * loop, where every session, timer and RIB lives, and wait for it. Listeners are called on that loop and must not
 * block or call back into the speaker synchronously from another thread.
 */
public final class BgpSpeaker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BgpSpeaker.class);

    private final SpeakerConfig config;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final TimerService timers;
    private final RouteExchange exchange;
    private final NettyTransport transport;
    private final PeerStatusListener statusListener;
    private final LocalOpens opens;

    private BgpSpeaker(SpeakerConfig config, BestRouteListener routes, PeerStatusListener status) {
        this.config = config;
        this.group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        this.loop = group.next();
        this.timers = new EventLoopTimers(loop);
        this.exchange = new RouteExchange(config, timers, routes);
        this.transport = new NettyTransport(group, this::endpoint);
        this.statusListener = status;
        this.opens = new LocalOpens(config, timers);
    }

    /** Starts the event loop and, if configured, the listening socket. */
    public static BgpSpeaker start(SpeakerConfig config, BestRouteListener routes, PeerStatusListener status)
            throws InterruptedException {
        BgpSpeaker s = new BgpSpeaker(config, routes, status);
        try {
            if (config.listenAddress().isPresent()) {
                s.transport.listen(new InetSocketAddress(config.listenAddress().get(), config.listenPort()), Map.of());
            }
        } catch (InterruptedException | RuntimeException e) {
            s.group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
        LOG.atInfo()
                .addKeyValue("as", config.asNumber())
                .addKeyValue("routerId", config.routerId().getHostAddress())
                .log("BGP speaker started");
        return s;
    }

    public SpeakerConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- peers

    public void addPeer(PeerConfig peer) {
        addPeer(peer, ImportPolicy.ACCEPT_ALL, ExportPolicy.ACCEPT_ALL);
    }

    /** Adds a peer with its own import and export hooks (after the speaker-wide ones) and starts its session. */
    public void addPeer(PeerConfig peer, ImportPolicy imports, ExportPolicy exports) {
        onLoop(() -> {
            startPeer(peer, imports, exports);
            transport.updateMd5Keys(md5Keys());
            return null;
        });
    }

    /**
     * Adds many peers in one step, e.g. the whole node list at start: one hand-over to the event loop and one MD5
     * key update instead of one per peer, so a mesh node is ready for all its peers at once.
     */
    public void addPeers(List<PeerConfig> peers) {
        onLoop(() -> {
            for (PeerConfig peer : peers) {
                startPeer(peer, ImportPolicy.ACCEPT_ALL, ExportPolicy.ACCEPT_ALL);
            }
            transport.updateMd5Keys(md5Keys());
            return null;
        });
    }

    private void startPeer(PeerConfig peer, ImportPolicy imports, ExportPolicy exports) {
        if (exchange.peer(peer.address()).isPresent()) {
            throw new IllegalArgumentException("peer " + peer.address().getHostAddress()
                    + " is already configured; remove it first to change its settings");
        }
        PeerContext ctx = new PeerContext(peer, config, exchange.locRib(), imports, exports);
        ctx.fsm = new PeerFsm(
                peer,
                () -> opens.forPeer(peer),
                timers,
                fsm -> transport.dial(peer, sourceFor(peer), fsm::connectFailed),
                sessionListener(ctx));
        exchange.addPeer(ctx);
        ctx.fsm.start();
    }

    /** Our listening address as the source of connections to {@code peer}, when it is of the peer's family. */
    private Optional<InetAddress> sourceFor(PeerConfig peer) {
        return config.listenAddress().filter(l -> IpFamily.of(l) == IpFamily.of(peer.address()));
    }

    /** Stops the session with Cease 6/3 (peer de-configured) and forgets the peer and its routes. */
    public void removePeer(InetAddress address) {
        onLoop(() -> {
            exchange.peer(address).ifPresent(ctx -> {
                ctx.fsm.stop(NotificationReason.PEER_DECONFIGURED);
                exchange.removePeer(ctx);
                transport.updateMd5Keys(md5Keys());
            });
            return null;
        });
    }

    public List<PeerStatus> peerStatus() {
        return onLoop(() -> exchange.peers().stream().map(BgpSpeaker::status).toList());
    }

    // ---------------------------------------------------------------- routes

    /**
     * Announces {@code prefix}, IPv4 or IPv6, with our session address as next hop (next hop "self"; see {@link
     * NextHopSelf} for a prefix whose family differs from the session's). Sent only to peers that negotiated the
     * prefix's family (RFC 4760).
     */
    public void announce(IpPrefix prefix) {
        onLoop(() -> {
            exchange.announce(prefix, Optional.empty());
            return null;
        });
    }

    /** Announces {@code prefix} with an explicit next hop of the same family (IPv6: RFC 2545 §2, global address). */
    public void announce(IpPrefix prefix, InetAddress nextHop) {
        if (IpFamily.of(nextHop) != prefix.family()) {
            throw new IllegalArgumentException("next hop " + IpAddresses.format(nextHop) + " for " + prefix
                    + " must be an " + prefix.family() + " address; omit it for next hop self");
        }
        onLoop(() -> {
            exchange.announce(prefix, Optional.of(nextHop));
            return null;
        });
    }

    public void withdraw(IpPrefix prefix) {
        onLoop(() -> {
            exchange.withdraw(prefix);
            return null;
        });
    }

    /** How many prefixes the Loc-RIB holds (ours and learned). */
    public int locRibSize() {
        return onLoop(exchange::locRibSize);
    }

    // ---------------------------------------------------------------- shutdown

    /** Ends every session with Cease 6/2 (peers drop our routes at once) and stops. */
    @Override
    public void close() {
        shutdown(true);
    }

    /**
     * Stops without NOTIFICATIONs: peers that support graceful restart keep our routes for our restart time
     * (RFC 4724 §4.2), so restarting the agent drops no traffic.
     */
    public void closeForRestart() {
        shutdown(false);
    }

    private void shutdown(boolean cease) {
        if (group.isShuttingDown()) {
            return;
        }
        onLoop(() -> {
            for (PeerContext ctx : List.copyOf(exchange.peers())) {
                if (cease) {
                    ctx.fsm.stop(NotificationReason.ADMIN_SHUTDOWN);
                } else {
                    ctx.session.ifPresent(s -> s.connection().close());
                }
            }
            transport.close();
            return null;
        });
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    // ---------------------------------------------------------------- internals

    private Optional<PeerEndpoint> endpoint(InetAddress remote) {
        return exchange.peer(remote).map(ctx -> new PeerEndpoint() {
            @Override
            public PeerFsm fsm() {
                return ctx.fsm;
            }

            @Override
            public OpenValidator.Expectations openExpectations() {
                return new OpenValidator.Expectations(
                        config.asNumber(), OptionalLong.of(ctx.config.remoteAs()), config.routerId(), List.of());
            }

            @Override
            public void updateReceived(dev.brindle.bgp.rib.RouteUpdate update) {
                exchange.updateReceived(ctx, update);
                if (update.isEndOfRib()) {
                    // Not a state change, but what a restarting owner waits for before it trusts the Loc-RIB.
                    statusListener.onPeerStatus(status(ctx));
                }
            }

            @Override
            public void routeRefreshReceived(IpFamily family, RouteRefresh kind) {
                exchange.routeRefreshReceived(ctx, family, kind);
            }
        });
    }

    private SessionListener sessionListener(PeerContext ctx) {
        return new SessionListener() {
            @Override
            public void stateChanged(PeerFsm peer, SessionState from, SessionState to) {
                statusListener.onPeerStatus(status(ctx));
            }

            @Override
            public void established(PeerFsm peer, EstablishedSession session) {
                exchange.established(ctx, session);
            }

            @Override
            public void down(PeerFsm peer, EstablishedSession session, DownCause cause) {
                exchange.down(ctx, cause);
            }
        };
    }

    private Map<InetAddress, String> md5Keys() {
        Map<InetAddress, String> keys = new HashMap<>();
        for (PeerContext ctx : exchange.peers()) {
            ctx.config.md5Key().ifPresent(k -> keys.put(ctx.config.address(), k));
        }
        return keys;
    }

    private static PeerStatus status(PeerContext ctx) {
        PeerFsm fsm = ctx.fsm;
        Instant since = fsm.since();
        return new PeerStatus(
                ctx.config.address(),
                ctx.config.remoteAs(),
                ctx.internal(),
                ctx.config.passive(),
                fsm.state(),
                since,
                fsm.lastError(),
                ctx.in.size(),
                ctx.out.size(),
                ctx.endOfRibReceived());
    }

    private <T> T onLoop(Callable<T> work) {
        if (loop.inEventLoop()) {
            try {
                return work.call();
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        }
        var f = loop.submit(work).syncUninterruptibly();
        return f.getNow();
    }
}
