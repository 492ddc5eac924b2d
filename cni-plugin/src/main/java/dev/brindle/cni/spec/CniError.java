package dev.brindle.cni.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure that the runtime sees as the spec's error object on stdout ({@code code}, {@code msg},
 * {@code details}) with a non-zero exit. Codes 0–99 are the spec's (SPEC.md "Error"); 999 is what libcni's skel
 * uses for a plain internal error, which is what a failed CHECK is in the reference plugins.
 */
public final class CniError extends RuntimeException {
    public static final int INCOMPATIBLE_VERSION = 1;
    public static final int UNSUPPORTED_FIELD = 2;
    public static final int UNKNOWN_CONTAINER = 3;
    public static final int INVALID_ENV = 4;
    public static final int IO_FAILURE = 5;
    public static final int DECODE_FAILURE = 6;
    public static final int INVALID_CONFIG = 7;
    public static final int INVALID_NETNS = 8;
    public static final int TRY_AGAIN_LATER = 11;
    public static final int NOT_AVAILABLE = 50;
    public static final int NOT_AVAILABLE_LIMITED = 51;
    public static final int INTERNAL = 999;

    private final int code;
    private final String details;

    public CniError(int code, String msg) {
        this(code, msg, "");
    }

    public CniError(int code, String msg, String details) {
        super(msg);
        if (code < 0) {
            throw new IllegalArgumentException("a CNI error code is not negative: " + code);
        }
        this.code = code;
        this.details = details == null ? "" : details;
    }

    public CniError(int code, String msg, Throwable cause) {
        super(msg, cause);
        this.code = code;
        this.details = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    public int code() {
        return code;
    }

    public String msg() {
        return getMessage();
    }

    public String details() {
        return details;
    }

    /** The error object in the given version; the shape has not changed from 0.3.0 to 1.1.0. */
    public Map<String, Object> toJson(String cniVersion) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cniVersion", cniVersion);
        out.put("code", (long) code);
        out.put("msg", getMessage());
        if (!details.isEmpty()) {
            out.put("details", details);
        }
        return out;
    }

    /** Reads an error object another plugin printed (a delegated IPAM), keeping its code. */
    public static CniError fromJson(Map<String, Object> json, String fallbackMsg) {
        Object code = json.get("code");
        Object msg = json.get("msg");
        Object details = json.get("details");
        return new CniError(
                code instanceof Number n ? n.intValue() : INTERNAL,
                msg instanceof String s && !s.isEmpty() ? s : fallbackMsg,
                details instanceof String d ? d : "");
    }
}
