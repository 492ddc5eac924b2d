package dev.brindle.cni.json;

/** Malformed JSON, or a JSON value of the wrong kind where a field of a known kind is expected. */
public final class JsonException extends RuntimeException {
    public JsonException(String message) {
        super(message);
    }
}
