package dev.brindle.datastore;

/** A running watch; closing it stops the deliveries (an event being delivered completes). */
public interface Watch extends AutoCloseable {
    @Override
    void close();
}
