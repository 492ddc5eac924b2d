package dev.brindle.bgp.codec.attr;

/**
 * Thrown by an attribute parser for a value it cannot accept; the UPDATE parser turns it into an
 * {@link UpdateProblem} and never lets it escape the codec.
 */
public final class MalformedAttributeException extends RuntimeException {
    private final Malformation kind;

    public MalformedAttributeException(Malformation kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Malformation kind() {
        return kind;
    }
}
