package dev.brindle.bgp.transport;

import dev.brindle.bgp.codec.BgpCodecContext;
import dev.brindle.bgp.codec.BgpKeepalive;
import dev.brindle.bgp.codec.BgpMessage;
import dev.brindle.bgp.codec.BgpNotification;
import dev.brindle.bgp.codec.BgpOpen;
import dev.brindle.bgp.codec.BgpProtocolException;
import dev.brindle.bgp.codec.BgpRouteRefresh;
import dev.brindle.bgp.codec.BgpUpdate;
import dev.brindle.bgp.codec.OpenValidator;
import dev.brindle.bgp.session.PeerFsm;
import dev.brindle.bgp.session.RouteRefresh;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a BGP connection's pipeline: turns decoded messages and channel events into FSM events and
 * route updates for the peer. Incoming connections find their peer by the remote address; unknown addresses are
 * closed at once (RFC 4271 §8.2.1.1: connections from unconfigured peers are refused).
 */
final class SessionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(SessionHandler.class);

    private final boolean outbound;
    private final Function<InetAddress, Optional<PeerEndpoint>> lookup;
    private PeerEndpoint endpoint;
    private NettyConnection connection;

    SessionHandler(boolean outbound, Function<InetAddress, Optional<PeerEndpoint>> lookup) {
        this.outbound = outbound;
        this.lookup = lookup;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress remote = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        Optional<PeerEndpoint> found = lookup.apply(remote);
        if (found.isEmpty()) {
            LOG.atInfo().addKeyValue("peer", remote).log("refusing connection from an unconfigured address");
            ctx.close();
            return;
        }
        endpoint = found.get();
        connection = new NettyConnection(ctx.channel(), outbound);
        endpoint.fsm().connectionUp(connection);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (endpoint == null || !(msg instanceof BgpMessage m)) {
            return;
        }
        try {
            dispatch(ctx, m);
        } catch (BgpProtocolException e) {
            endpoint.fsm().protocolError(connection, MessageMapping.fromNotification(e.toNotification()));
        }
    }

    private void dispatch(ChannelHandlerContext ctx, BgpMessage m) {
        PeerFsm fsm = endpoint.fsm();
        switch (m) {
            case BgpOpen open -> {
                OpenValidator.validate(open, endpoint.openExpectations());
                connection
                        .sentOpen()
                        .ifPresent(mine -> BgpCodecContext.negotiate(mine, open).applyTo(ctx.channel()));
                fsm.openReceived(connection, MessageMapping.fromOpen(open));
            }
            case BgpKeepalive k -> fsm.keepaliveReceived(connection);
            case BgpUpdate u -> {
                if (fsm.establishedMessageReceived(connection)) {
                    UpdateMapping.fromUpdate(u).forEach(endpoint::updateReceived);
                }
            }
            case BgpRouteRefresh r -> {
                if (fsm.establishedMessageReceived(connection)) {
                    routeRefresh(ctx, r);
                }
            }
            case BgpNotification n -> fsm.notificationReceived(connection, MessageMapping.fromNotification(n));
        }
    }

    /**
     * RFC 2918 §4 / RFC 7313 §5: a ROUTE-REFRESH for a family the session did not negotiate, or with an unknown
     * subtype, is ignored.
     */
    private void routeRefresh(ChannelHandlerContext ctx, BgpRouteRefresh r) {
        if (r.knownSubtype() && BgpCodecContext.of(ctx.channel()).supports(r.afiSafi())) {
            r.afiSafi()
                    .ipFamily()
                    .ifPresent(f -> endpoint.routeRefreshReceived(f, RouteRefresh.ofSubtype(r.subtype())));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (endpoint != null) {
            endpoint.fsm().connectionClosed(connection);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (endpoint != null) {
            endpoint.fsm().writabilityChanged(connection, ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (endpoint != null && c instanceof BgpProtocolException e) {
            endpoint.fsm().protocolError(connection, MessageMapping.fromNotification(e.toNotification()));
            return;
        }
        LOG.atDebug().addKeyValue("remote", ctx.channel().remoteAddress()).log("connection error: {}", c.toString());
        ctx.close();
    }
}
