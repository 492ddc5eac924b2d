package dev.brindle.datastore.json;

/** One thing wrong in a document: the field's path, the line it is on (0 when unknown), and the rule. */
public record Problem(String field, int line, String message) {
    @Override
    public String toString() {
        return (line > 0 ? "line " + line + ": " : "") + field + ": " + message;
    }
}
