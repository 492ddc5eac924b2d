package dev.brindle.bench.netlink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Replaces one "## " section of docs/benchmarks.md, leaving the others (owned by other areas) untouched. */
final class BenchmarksDoc {
    private BenchmarksDoc() {}

    static void replaceSection(Path file, String headingPrefix, String newSection) throws IOException {
        String doc = Files.readString(file);
        int start = doc.indexOf("\n" + headingPrefix);
        if (start < 0) {
            throw new IllegalStateException(file + " has no section starting with '" + headingPrefix + "'");
        }
        start++;
        int end = doc.indexOf("\n## ", start + 1);
        end = end < 0 ? doc.length() : end + 1;
        String body = newSection.endsWith("\n\n") ? newSection : newSection.strip() + "\n\n";
        Files.writeString(file, doc.substring(0, start) + body + doc.substring(end));
    }
}
