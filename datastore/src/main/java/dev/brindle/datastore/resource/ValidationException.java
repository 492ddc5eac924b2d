package dev.brindle.datastore.resource;

import java.util.List;
import java.util.stream.Collectors;

/** A resource refused by validation; carries every field error found, not just the first. */
public final class ValidationException extends IllegalArgumentException {
    private final List<FieldError> errors;

    public ValidationException(String what, List<FieldError> errors) {
        super(what + " is invalid: " + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
