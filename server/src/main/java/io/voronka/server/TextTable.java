package io.voronka.server;

import java.util.ArrayList;
import java.util.List;

/** Rows of cells printed as aligned monospace columns; numbers right-aligned, text left-aligned. */
public final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    public TextTable row(List<String> cells) {
        rows.add(List.copyOf(cells));
        return this;
    }

    public int rowCount() {
        return rows.size();
    }

    @Override
    public String toString() {
        int columns = header.size();
        int[] width = new int[columns];
        for (int c = 0; c < columns; c++) {
            width[c] = header.get(c).length();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, width);
        for (int c = 0; c < columns; c++) {
            sb.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
        }
        sb.append('\n');
        for (List<String> row : rows) {
            line(sb, row, width);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width) {
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(width[c] - cell.length());
            sb.append(c == 0 ? "" : "  ");
            sb.append(c > 0 && numeric(cell) ? pad + cell : (c == cells.size() - 1 ? cell : cell + pad));
        }
        sb.append('\n');
    }

    private static boolean numeric(String cell) {
        return !cell.isEmpty() && cell.chars().allMatch(ch -> Character.isDigit(ch) || ",.%+-−".indexOf(ch) >= 0);
    }
}
