package dev.brindle.cni.spec;

import java.util.Locale;

/** The value of {@code CNI_COMMAND}. */
public enum Command {
    ADD,
    DEL,
    CHECK,
    VERSION,
    STATUS,
    GC;

    public static Command parse(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CniError(
                    CniError.INVALID_ENV,
                    "unknown CNI_COMMAND \"" + value + "\": expected one of ADD, DEL, CHECK, VERSION, STATUS, GC");
        }
    }
}
