package dev.brindle.netlink.rt;

import dev.brindle.netlink.jnr.NetlinkSocket;
import java.nio.ByteBuffer;

/** Datagrams to and from the kernel: a {@link NetlinkSocket}, or a scripted kernel in unit tests. */
interface Transport extends AutoCloseable {
    /** Sends {@code length} bytes from offset 0 as one datagram. */
    void send(ByteBuffer buffer, int length);

    /** Receives one datagram at offset 0; its length, or -1 when the receive timeout expired. */
    int receive(ByteBuffer buffer);

    @Override
    void close();

    static Transport over(NetlinkSocket socket) {
        return new Transport() {
            @Override
            public void send(ByteBuffer buffer, int length) {
                socket.send(buffer, length);
            }

            @Override
            public int receive(ByteBuffer buffer) {
                return socket.receive(buffer);
            }

            @Override
            public void close() {
                socket.close();
            }
        };
    }
}
