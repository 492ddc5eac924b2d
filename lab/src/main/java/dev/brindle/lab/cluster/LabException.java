package dev.brindle.lab.cluster;

/** A lab command refused or failed for a reason the operator can act on; the message says what to do. */
public final class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }
}
