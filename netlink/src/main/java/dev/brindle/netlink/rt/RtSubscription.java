package dev.brindle.netlink.rt;

import dev.brindle.netlink.Errno;
import dev.brindle.netlink.NetlinkEvent;
import dev.brindle.netlink.NetlinkException;
import dev.brindle.netlink.NetlinkGroup;
import dev.brindle.netlink.Subscription;
import dev.brindle.netlink.codec.Nl;
import dev.brindle.netlink.jnr.NetlinkSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A multicast subscription: its own socket joined to rtnetlink groups, read by a dedicated platform thread that
 * decodes notifications and hands them to the listener. When the socket's buffer overflowed the kernel reports
 * ENOBUFS and the listener gets {@link NetlinkEvent.ResyncNeeded}: events are lost and state must be re-read.
 */
final class RtSubscription implements Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(RtSubscription.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final NetlinkSocket socket;
    private final Consumer<NetlinkEvent> listener;
    private final Thread thread;
    private volatile boolean closed;

    RtSubscription(NetlinkSocket socket, Set<NetlinkGroup> groups, Consumer<NetlinkEvent> listener) {
        this.socket = socket;
        this.listener = listener;
        groups.forEach(g -> socket.joinGroup(g.id()));
        socket.setReceiveTimeout(POLL);
        this.thread =
                Thread.ofPlatform().name("brindle-netlink-events").daemon().start(this::loop);
    }

    private void loop() {
        ByteBuffer rx = ByteBuffer.allocateDirect(1 << 18).order(ByteOrder.nativeOrder());
        while (!closed) {
            int length;
            try {
                length = socket.receive(rx);
            } catch (NetlinkException e) {
                if (closed) {
                    return;
                }
                if (e.errno() != Errno.ENOBUFS) {
                    LOG.warn("netlink subscription receive failed; asking for a resync", e);
                }
                deliver(new NetlinkEvent.ResyncNeeded(e.getMessage()));
                continue;
            }
            for (int at = 0; at + Nl.HEADER <= length; at += Nl.align(rx.getInt(at))) {
                NetlinkEvent event = decode(rx, at);
                if (event != null) {
                    deliver(event);
                }
            }
        }
    }

    private static NetlinkEvent decode(ByteBuffer rx, int at) {
        try {
            return Notifications.decode(rx, at);
        } catch (RuntimeException e) {
            LOG.debug("skipping a notification brindle cannot represent", e);
            return null;
        }
    }

    private void deliver(NetlinkEvent event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("netlink event listener failed on {}", event, e);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (Thread.currentThread() != thread) {
            try {
                thread.join(POLL.toMillis() * 10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        socket.close();
    }
}
