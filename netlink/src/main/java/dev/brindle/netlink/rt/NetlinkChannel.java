package dev.brindle.netlink.rt;

import dev.brindle.netlink.BatchResult;
import dev.brindle.netlink.Errno;
import dev.brindle.netlink.NetlinkException;
import dev.brindle.netlink.codec.Nl;
import dev.brindle.netlink.codec.NlAttributes;
import dev.brindle.netlink.codec.NlWriter;
import dev.brindle.netlink.jnr.NetlinkSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Request/response over one NETLINK_ROUTE socket, with what the kernel demands (netlink(7)): every request asks for
 * an acknowledgement (NLM_F_ACK) so no error is lost; replies are matched by sequence number and stale ones skipped;
 * dumps are read until NLMSG_DONE and restarted when the kernel flags them NLM_F_DUMP_INTR; the receive buffer is
 * larger than the 32 KiB a dump datagram can reach; a receive timeout turns a silent kernel into ETIMEDOUT.
 *
 * <p>{@link #pipeline} sends many requests per datagram and keeps up to {@link #WINDOW} unacknowledged, which is
 * where the speed over {@code ip -batch} (one request, one wait) comes from. The kernel handles a datagram's
 * messages in order within send(2), so the window must fit the acknowledgements in the socket's receive buffer.
 */
final class NetlinkChannel implements AutoCloseable {
    static final int WINDOW = 512;
    private static final int SOCKET_BUFFER = 8 << 20;
    private static final int DUMP_ATTEMPTS = 5;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Decodes one reply message; null skips it. */
    interface Decoder<T> {
        T decode(ByteBuffer buffer, int offset, int type);
    }

    private final Transport transport;
    private final ByteBuffer tx = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.nativeOrder());
    private final ByteBuffer rx = ByteBuffer.allocateDirect(1 << 18).order(ByteOrder.nativeOrder());
    private int sequence = 1;

    NetlinkChannel(Transport transport) {
        this.transport = transport;
    }

    /** A channel over a real socket, configured as the class comment says. */
    static NetlinkChannel over(NetlinkSocket socket) {
        socket.enableStrictCheck();
        socket.enableExtendedAcks();
        socket.setBufferSizes(SOCKET_BUFFER);
        socket.setReceiveTimeout(TIMEOUT);
        return new NetlinkChannel(Transport.over(socket));
    }

    /** Sends one request and waits for its acknowledgement. */
    synchronized void execute(String operation, String object, Consumer<NlWriter> request) {
        int seq = send(request);
        receive(operation, object, seq, (buf, at, type) -> null);
    }

    /** Sends one request and returns the first reply message decoded (e.g. RTM_GETLINK by name). */
    synchronized <T> T get(String operation, String object, Consumer<NlWriter> request, Decoder<T> decoder) {
        int seq = send(request);
        List<T> replies = receive(operation, object, seq, decoder);
        if (replies.isEmpty()) {
            throw new NetlinkException(operation, object, Errno.ENOENT, "the kernel sent no reply");
        }
        return replies.getFirst();
    }

    /** A complete dump, restarted when the kernel reports it inconsistent (NLM_F_DUMP_INTR). */
    synchronized <T> List<T> dump(String operation, Consumer<NlWriter> request, Decoder<T> decoder) {
        for (int attempt = 1; attempt <= DUMP_ATTEMPTS; attempt++) {
            int seq = send(request);
            var out = new ArrayList<T>();
            if (!receiveDump(operation, seq, decoder, out)) {
                return out;
            }
        }
        throw new NetlinkException(
                operation,
                "dump",
                Errno.EINTR,
                "the dump changed while being read (NLM_F_DUMP_INTR) " + DUMP_ATTEMPTS + " times");
    }

    /** Sends all requests windowed and collects each one's acknowledgement; failures by position. */
    synchronized <T> BatchResult pipeline(
            List<T> items,
            BiConsumer<NlWriter, T> writer,
            Function<T, String> operationOf,
            Function<T, String> describe) {
        int n = items.size();
        int base = sequence;
        sequence += n;
        boolean[] acked = new boolean[n];
        Map<Integer, NetlinkException> failures = new HashMap<>();
        int next = 0;
        int done = 0;
        while (done < n) {
            if (next < n && next - done <= WINDOW / 2) {
                tx.clear();
                var w = new NlWriter(tx);
                while (next < n && next - done < WINDOW && tx.remaining() > 4096) {
                    int start = w.position();
                    writer.accept(w, items.get(next));
                    NlWriter.setSequence(tx, start, base + next);
                    next++;
                }
                transport.send(tx, tx.position());
            }
            int length = receiveOrTimeout("batch", items.size() + " requests");
            for (int at = 0; at + Nl.HEADER <= length; at += Nl.align(rx.getInt(at))) {
                int i = rx.getInt(at + 8) - base;
                if (rx.getShort(at + 4) != Nl.NLMSG_ERROR || i < 0 || i >= n || acked[i]) {
                    continue;
                }
                acked[i] = true;
                done++;
                int error = -rx.getInt(at + Nl.HEADER);
                if (error != 0) {
                    T item = items.get(i);
                    failures.put(
                            i, new NetlinkException(operationOf.apply(item), describe.apply(item), error, extAck(at)));
                }
            }
        }
        return new BatchResult(n, failures);
    }

    /** A dump filtered by a device that does not exist is empty; the kernel says ENODEV under strict checking. */
    static <T> List<T> filteredByDevice(int linkIndex, Supplier<List<T>> dump) {
        try {
            return dump.get();
        } catch (NetlinkException e) {
            if (linkIndex != 0 && e.errno() == Errno.ENODEV) {
                return List.of();
            }
            throw e;
        }
    }

    private int send(Consumer<NlWriter> request) {
        tx.clear();
        request.accept(new NlWriter(tx));
        int seq = sequence++;
        NlWriter.setSequence(tx, 0, seq);
        transport.send(tx, tx.position());
        return seq;
    }

    /** Reads replies to {@code seq} until its NLMSG_ERROR (ack or failure), decoding the messages before it. */
    private <T> List<T> receive(String operation, String object, int seq, Decoder<T> decoder) {
        var out = new ArrayList<T>();
        while (true) {
            int length = receiveOrTimeout(operation, object);
            for (int at = 0; at + Nl.HEADER <= length; at += Nl.align(rx.getInt(at))) {
                if (rx.getInt(at + 8) != seq) {
                    continue;
                }
                int type = rx.getShort(at + 4);
                if (type == Nl.NLMSG_ERROR) {
                    int error = -rx.getInt(at + Nl.HEADER);
                    if (error != 0) {
                        throw new NetlinkException(operation, object, error, extAck(at));
                    }
                    return out;
                }
                T value = decoder.decode(rx, at, type);
                if (value != null) {
                    out.add(value);
                }
            }
        }
    }

    /** Reads one dump; returns true when it was interrupted and must be restarted. */
    private <T> boolean receiveDump(String operation, int seq, Decoder<T> decoder, List<T> out) {
        boolean interrupted = false;
        while (true) {
            int length = receiveOrTimeout(operation, "dump");
            for (int at = 0; at + Nl.HEADER <= length; at += Nl.align(rx.getInt(at))) {
                if (rx.getInt(at + 8) != seq) {
                    continue;
                }
                int type = rx.getShort(at + 4);
                interrupted |= (rx.getShort(at + 6) & Nl.F_DUMP_INTR) != 0;
                if (type == Nl.NLMSG_DONE || type == Nl.NLMSG_ERROR) {
                    int error = -rx.getInt(at + Nl.HEADER);
                    if (error != 0) {
                        throw new NetlinkException(operation, "dump", error, extAck(at));
                    }
                    return interrupted;
                }
                T value = decoder.decode(rx, at, type);
                if (value != null) {
                    out.add(value);
                }
            }
        }
    }

    private int receiveOrTimeout(String operation, String object) {
        int length = transport.receive(rx);
        if (length < 0) {
            throw new NetlinkException(operation, object, Errno.ETIMEDOUT, "no reply within " + TIMEOUT);
        }
        return length;
    }

    /** The kernel's text reason from an extended ack (NLMSGERR_ATTR_MSG), or null. */
    private String extAck(int at) {
        int flags = rx.getShort(at + 6) & 0xffff;
        if ((flags & Nl.F_ACK_TLVS) == 0) {
            return null;
        }
        int original = at + Nl.HEADER + 4;
        int originalLength = (flags & Nl.F_CAPPED) != 0 ? Nl.HEADER : rx.getInt(original);
        int tlvs = original + Nl.align(originalLength);
        return NlAttributes.parse(rx, tlvs, at + rx.getInt(at)).string(Nl.NLMSGERR_ATTR_MSG);
    }

    @Override
    public void close() {
        transport.close();
    }
}
