package dev.brindle.datastore.resource;

import java.util.ArrayList;
import java.util.List;

/** Collects field errors while a record is checked, then throws them all at once. */
final class Errors {
    private final String what;
    private final List<FieldError> errors = new ArrayList<>();

    Errors(String what) {
        this.what = what;
    }

    Errors add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    /** Adds {@code message} at {@code field} when {@code broken} holds; returns {@code broken}. */
    boolean check(boolean broken, String field, String message) {
        if (broken) {
            add(field, message);
        }
        return broken;
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ValidationException(what, errors);
        }
    }
}
