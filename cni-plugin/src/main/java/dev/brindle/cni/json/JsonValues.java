package dev.brindle.cni.json;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to a parsed JSON object, with errors that name the field. Lookups can be case-insensitive because
 * containerd's go-cni sends runtimeConfig with Go field names ({@code HostPort}, {@code IngressRate}) where the
 * conventions say camelCase, and Go's decoder never noticed (cni-facts.md §1.3).
 */
public final class JsonValues {
    private JsonValues() {}

    public static String kind(Object value) {
        return switch (value) {
            case null -> "null";
            case Map<?, ?> m -> "an object";
            case List<?> l -> "an array";
            case String s -> "a string";
            case Boolean b -> "a boolean";
            case Number n -> "a number";
            default -> value.getClass().getSimpleName();
        };
    }

    /** The member named {@code key}, or one whose name equals it ignoring case. */
    public static Object getIgnoreCase(Map<String, Object> object, String key) {
        Object exact = object.get(key);
        if (exact != null) {
            return exact;
        }
        for (var e : object.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    public static Optional<String> string(Map<String, Object> object, String key) {
        Object v = object.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw new JsonException("field \"" + key + "\" must be a string, not " + kind(v));
        }
        return Optional.of(s);
    }

    public static Optional<Long> integer(Map<String, Object> object, String key) {
        Object v = object.get(key);
        if (v == null) {
            return Optional.empty();
        }
        // Long from JsonReader; Integer from a Jackson tree converted to maps (the agent's in-process IPAM answers).
        if (v instanceof Long || v instanceof Integer) {
            return Optional.of(((Number) v).longValue());
        }
        if (v instanceof Double d && d == Math.rint(d)) {
            return Optional.of(d.longValue());
        }
        throw new JsonException("field \"" + key + "\" must be an integer, not " + kind(v));
    }

    public static boolean bool(Map<String, Object> object, String key) {
        Object v = object.get(key);
        if (v == null) {
            return false;
        }
        if (!(v instanceof Boolean b)) {
            throw new JsonException("field \"" + key + "\" must be true or false, not " + kind(v));
        }
        return b;
    }

    @SuppressWarnings("unchecked")
    public static Optional<Map<String, Object>> object(Map<String, Object> object, String key) {
        Object v = object.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Map)) {
            throw new JsonException("field \"" + key + "\" must be an object, not " + kind(v));
        }
        return Optional.of((Map<String, Object>) v);
    }

    public static List<Object> array(Map<String, Object> object, String key) {
        Object v = object.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new JsonException("field \"" + key + "\" must be an array, not " + kind(v));
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) l;
        return list;
    }

    /** The elements of array {@code key} that must all be objects. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> objects(Map<String, Object> object, String key) {
        List<Object> list = array(object, key);
        for (Object o : list) {
            if (!(o instanceof Map)) {
                throw new JsonException("every element of \"" + key + "\" must be an object, found " + kind(o));
            }
        }
        return (List<Map<String, Object>>) (List<?>) list;
    }
}
