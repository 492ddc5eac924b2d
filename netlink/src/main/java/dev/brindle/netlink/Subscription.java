package dev.brindle.netlink;

/** A running change subscription; closing it stops the delivery thread. */
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
