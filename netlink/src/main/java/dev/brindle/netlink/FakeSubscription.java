package dev.brindle.netlink;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A subscription to a {@link FakeNetlink} namespace. Like a netlink socket it has a bounded receive queue: when the
 * listener falls behind and the queue is full, further events are dropped and the listener gets
 * {@link NetlinkEvent.ResyncNeeded}, as with ENOBUFS.
 */
final class FakeSubscription implements Subscription {
    static final int CAPACITY = 256;

    private final Set<NetlinkGroup> groups;
    private final BlockingQueue<NetlinkEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread thread;
    private volatile boolean overflowed;
    private volatile boolean closed;
    private final Runnable onClose;

    FakeSubscription(Set<NetlinkGroup> groups, Consumer<NetlinkEvent> listener, Runnable onClose) {
        this.groups = Set.copyOf(groups);
        this.onClose = onClose;
        this.thread = Thread.ofPlatform().name("fake-netlink-events").daemon().unstarted(() -> deliver(listener));
        thread.start();
    }

    boolean wants(NetlinkGroup group) {
        return groups.contains(group);
    }

    void offer(NetlinkEvent event) {
        if (!closed && !queue.offer(event)) {
            overflowed = true;
        }
    }

    private void deliver(Consumer<NetlinkEvent> listener) {
        while (!closed) {
            try {
                NetlinkEvent event = queue.poll(100, TimeUnit.MILLISECONDS);
                if (event != null) {
                    listener.accept(event);
                } else if (overflowed) {
                    overflowed = false;
                    listener.accept(new NetlinkEvent.ResyncNeeded("ENOBUFS: events were dropped"));
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        onClose.run();
        if (Thread.currentThread() != thread) {
            thread.interrupt();
        }
    }
}
