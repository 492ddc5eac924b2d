package dev.brindle.bgp.session;

import dev.brindle.bgp.rib.RouteUpdate;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpFamily;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** A {@link Connection} that records what the FSM and the RIB send, as short strings and objects. */
public final class RecordingConnection implements Connection {
    private final boolean locallyInitiated;
    private final InetAddress local;
    public final List<String> sent = new ArrayList<>();
    public final List<RouteUpdate> updates = new ArrayList<>();
    public final List<NotificationReason> notifications = new ArrayList<>();
    public OpenParameters lastOpen;
    public boolean closed;

    public RecordingConnection(boolean locallyInitiated) {
        this(locallyInitiated, IpAddresses.parse("192.0.2.100"));
    }

    public RecordingConnection(boolean locallyInitiated, InetAddress local) {
        this.locallyInitiated = locallyInitiated;
        this.local = local;
    }

    @Override
    public boolean locallyInitiated() {
        return locallyInitiated;
    }

    @Override
    public InetAddress localAddress() {
        return local;
    }

    @Override
    public void sendOpen(OpenParameters open) {
        lastOpen = open;
        sent.add("OPEN");
    }

    @Override
    public void sendKeepalive() {
        sent.add("KEEPALIVE");
    }

    @Override
    public void sendNotification(NotificationReason reason) {
        notifications.add(reason);
        sent.add("NOTIFICATION " + reason);
        closed = true;
    }

    @Override
    public void sendUpdate(RouteUpdate update) {
        updates.add(update);
        String family = update.family() == IpFamily.V4 ? "" : " " + update.family();
        sent.add((update.isEndOfRib() ? "END-OF-RIB" : "UPDATE") + family);
    }

    @Override
    public void sendRouteRefresh(IpFamily family, RouteRefresh kind) {
        sent.add("ROUTE-REFRESH " + kind + " " + family);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        closed = true;
    }

    public long count(String what) {
        return sent.stream().filter(s -> s.equals(what)).count();
    }
}
