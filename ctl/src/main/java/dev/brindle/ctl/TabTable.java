package dev.brindle.ctl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * calicoctl's {@code get} tables (calico-facts.md §6.2): Go's tabwriter with minwidth 5, padding 3, every cell
 * (the last too) padded, so each line ends in spaces; a blank line after the table.
 */
final class TabTable {
    private static final int MIN_WIDTH = 5;
    private static final int PADDING = 3;

    private final List<List<String>> rows = new ArrayList<>();

    TabTable(List<String> header) {
        rows.add(List.copyOf(header));
    }

    void row(List<String> cells) {
        rows.add(List.copyOf(cells));
    }

    void print(PrintWriter out) {
        int columns = rows.get(0).size();
        int[] width = new int[columns];
        for (List<String> r : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], Math.max(MIN_WIDTH, r.get(c).length() + PADDING));
            }
        }
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(r.get(c)).append(" ".repeat(width[c] - r.get(c).length()));
            }
            out.println(line);
        }
        out.println();
        out.flush();
    }
}
