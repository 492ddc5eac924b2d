package dev.brindle.ctl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * calicoctl's bordered tables ({@code ipam show}, calico-facts.md §6.3): ASCII borders, headers upper-cased and
 * centred, cells left-aligned except the columns asked to be right-aligned, one space of margin in each cell.
 */
final class BoxTable {
    private final List<String> header;
    private final boolean[] right;
    private final List<List<String>> rows = new ArrayList<>();

    BoxTable(List<String> header, boolean... rightAligned) {
        this.header = header.stream().map(String::toUpperCase).toList();
        this.right = java.util.Arrays.copyOf(rightAligned, header.size());
    }

    void row(List<String> cells) {
        rows.add(List.copyOf(cells));
    }

    void print(PrintWriter out) {
        int[] w = new int[header.size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = header.get(c).length();
            for (List<String> r : rows) {
                w[c] = Math.max(w[c], r.get(c).length());
            }
        }
        String border = border(w);
        out.println(border);
        out.println(line(header, w, true));
        out.println(border);
        for (List<String> r : rows) {
            out.println(line(r, w, false));
        }
        out.println(border);
        out.flush();
    }

    private static String border(int[] w) {
        StringBuilder b = new StringBuilder("+");
        for (int x : w) {
            b.append("-".repeat(x + 2)).append('+');
        }
        return b.toString();
    }

    private String line(List<String> cells, int[] w, boolean centre) {
        StringBuilder b = new StringBuilder("|");
        for (int c = 0; c < w.length; c++) {
            String s = cells.get(c);
            int pad = w[c] - s.length();
            int left = centre ? pad / 2 : right[c] ? pad : 0;
            b.append(' ')
                    .append(" ".repeat(left))
                    .append(s)
                    .append(" ".repeat(pad - left))
                    .append(" |");
        }
        return b.toString();
    }
}
