package dev.brindle.datastore.json;

import dev.brindle.datastore.DatastoreException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A resource document that cannot be accepted: which file (or other source), which document in it (1-based; 0 for a
 * single-document file), and every problem with its field and line.
 */
public final class DocumentException extends DatastoreException {
    private final String source;
    private final int document;
    private final List<Problem> problems;

    public DocumentException(String source, int document, List<Problem> problems) {
        super(source + (document > 0 ? ": document " + document : "") + ": "
                + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.source = source;
        this.document = document;
        this.problems = List.copyOf(problems);
    }

    public String source() {
        return source;
    }

    public int document() {
        return document;
    }

    public List<Problem> problems() {
        return problems;
    }
}
