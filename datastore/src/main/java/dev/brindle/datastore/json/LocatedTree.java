package dev.brindle.datastore.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A parsed document together with the line each value starts on, so that an error found after parsing (by a record
 * constructor) can still point at its line. Works for JSON and YAML parsers alike.
 */
public record LocatedTree(JsonNode root, Map<String, Integer> lines) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Reads the value at the parser's current token (which must be set) and everything below it. */
    public static LocatedTree read(JsonParser parser) throws IOException {
        var lines = new HashMap<String, Integer>();
        JsonNode root = value(parser, "", lines);
        return new LocatedTree(root, lines);
    }

    /** The line of a dotted field path ({@code spec.allocations[3]}), or of its nearest parent that has one. */
    public int lineOf(String field) {
        String pointer = "/" + field.replace("[", ".").replace("]", "").replace('.', '/');
        while (!pointer.isEmpty()) {
            Integer line = lines.get(pointer);
            if (line != null) {
                return line;
            }
            pointer = JsonPointer.compile(pointer).head().toString();
        }
        return lines.getOrDefault("", 0);
    }

    private static JsonNode value(JsonParser p, String pointer, Map<String, Integer> lines) throws IOException {
        lines.put(pointer, p.currentTokenLocation().getLineNr());
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    int line = p.currentTokenLocation().getLineNr();
                    p.nextToken();
                    String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                    o.set(name, value(p, child, lines));
                    lines.put(child, line);
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(value(p, pointer + "/" + i++, lines));
                }
                return a;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(p.getBooleanValue());
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default ->
                throw new IOException("unexpected " + t + " at line "
                        + p.currentTokenLocation().getLineNr());
        }
    }
}
