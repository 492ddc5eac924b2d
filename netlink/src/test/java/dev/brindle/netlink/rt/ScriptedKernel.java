package dev.brindle.netlink.rt;

import dev.brindle.netlink.codec.Nl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A {@link Transport} whose "kernel" is a script: for every request message it receives, the responder queues reply
 * datagrams. Records what was sent so tests can check sequence numbers and batching.
 */
final class ScriptedKernel implements Transport {
    /** Builds replies for one request (its type, flags and sequence number). */
    interface Responder {
        void respond(Request request, Replies replies);
    }

    record Request(int type, int flags, int seq, int datagram) {}

    /** Reply datagrams under construction. */
    static final class Replies {
        final Deque<ByteBuffer> queue;

        Replies(Deque<ByteBuffer> queue) {
            this.queue = queue;
        }

        /** One datagram holding messages written by {@code body} (each begin/end pair is a message). */
        void datagram(BiConsumer<ByteBuffer, Integer> body, int seq) {
            ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.nativeOrder());
            body.accept(b, seq);
            b.flip();
            queue.add(b);
        }

        /** An NLMSG_ERROR with {@code errno} (0 is an ACK) and, optionally, an extended-ack text. */
        void ack(int seq, int errno, String text) {
            datagram((b, s) -> error(b, s, errno, text), seq);
        }
    }

    static void header(ByteBuffer b, int length, int type, int flags, int seq) {
        b.putInt(length)
                .putShort((short) type)
                .putShort((short) flags)
                .putInt(seq)
                .putInt(0);
    }

    static void error(ByteBuffer b, int seq, int errno, String text) {
        int start = b.position();
        boolean tlv = text != null;
        byte[] msg = tlv ? (text + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8) : new byte[0];
        int tlvLength = tlv ? Nl.align(4 + msg.length) : 0;
        header(b, 16 + 4 + 16 + tlvLength, Nl.NLMSG_ERROR, Nl.F_CAPPED | (tlv ? Nl.F_ACK_TLVS : 0), seq);
        b.putInt(-errno);
        header(b, 16, 0, 0, seq); // the capped copy of our request's header
        if (tlv) {
            b.putShort((short) (4 + msg.length))
                    .putShort((short) Nl.NLMSGERR_ATTR_MSG)
                    .put(msg);
            while ((b.position() - start) % 4 != 0) {
                b.put((byte) 0);
            }
        }
    }

    final List<Request> requests = new ArrayList<>();
    private final Deque<ByteBuffer> pending = new ArrayDeque<>();
    private final Responder responder;
    private int datagrams;
    private int unanswered;
    private int maxUnanswered;

    ScriptedKernel(Responder responder) {
        this.responder = responder;
    }

    @Override
    public void send(ByteBuffer buffer, int length) {
        ByteBuffer b = buffer.duplicate().order(ByteOrder.nativeOrder());
        int datagram = datagrams++;
        for (int at = 0; at + 16 <= length; at += Nl.align(b.getInt(at))) {
            var r = new Request(b.getShort(at + 4), b.getShort(at + 6) & 0xffff, b.getInt(at + 8), datagram);
            requests.add(r);
            maxUnanswered = Math.max(maxUnanswered, ++unanswered);
            responder.respond(r, new Replies(pending));
        }
    }

    @Override
    public int receive(ByteBuffer buffer) {
        ByteBuffer next = pending.poll();
        if (next == null) {
            return -1;
        }
        unanswered--;
        buffer.put(0, next, 0, next.limit());
        return next.limit();
    }

    int datagramsSent() {
        return datagrams;
    }

    /** The most requests ever sent before the reply datagram to them was read (one reply each in these tests). */
    int maxUnanswered() {
        return maxUnanswered;
    }

    @Override
    public void close() {}
}
