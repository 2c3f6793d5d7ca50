package dev.shiplog.cli.output;

import java.util.ArrayList;
import java.util.List;

/** Short aligned text: columns padded to their widest cell, two spaces apart, no trailing spaces. */
public final class Table {

    private Table() {
    }

    /** A table with a heading line; every cell made printable on one line, empty cells shown as {@code -}. */
    public static String format(List<String> headings, List<List<String>> rows) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(headings);
        for (List<String> row : rows) {
            lines.add(row.stream().map(c -> c == null || c.isEmpty() ? "-" : Text.oneLine(c)).toList());
        }
        return aligned(lines);
    }

    /** {@code key  value} lines, keys padded to the longest (a record shown field by field). */
    public static String fields(List<List<String>> pairs) {
        List<List<String>> lines = pairs.stream().filter(p -> p.get(1) != null && !p.get(1).isEmpty())
                .map(p -> List.of(p.get(0), Text.oneLine(p.get(1)))).toList();
        return aligned(lines);
    }

    private static String aligned(List<List<String>> lines) {
        int columns = lines.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> line : lines) {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                row.append(i == 0 ? "" : "  ").append(line.get(i));
                if (i < line.size() - 1) {
                    row.append(" ".repeat(widths[i] - line.get(i).length()));
                }
            }
            text.append(row.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }
}
