package dev.brindle.datastore.resource;

/** One refusal: the field's path in the document ({@code spec.blockSize}) and the rule it broke. */
public record FieldError(String field, String message) {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
