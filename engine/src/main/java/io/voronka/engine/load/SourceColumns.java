package io.voronka.engine.load;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns a table or file offers, with names resolved the way a user expects: an exact match first, then a
 * single case-insensitive match. {@link #resolve} fails with a message naming the source, role and column.
 */
public final class SourceColumns {
    private final String source;
    private final String container;
    private final List<String> names;
    private final List<String> typeNames;

    public SourceColumns(String source, String container, List<String> names, List<String> typeNames) {
        this.source = source;
        this.container = container;
        this.names = List.copyOf(names);
        this.typeNames = List.copyOf(typeNames);
    }

    /** Index of a configured column; {@code role} is user, time, type, value, dimension, id, name or alias. */
    public int resolve(String column, String role) {
        int exact = names.indexOf(column);
        if (exact >= 0) {
            return exact;
        }
        List<Integer> folded = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(column)) {
                folded.add(i);
            }
        }
        if (folded.size() == 1) {
            return folded.get(0);
        }
        throw new LoadException(source + ": " + role + " column '" + column + "' does not exist in " + container
                + " (columns: " + String.join(", ", names) + ")");
    }

    public String name(int index) {
        return names.get(index);
    }

    public String typeName(int index) {
        return typeNames.get(index);
    }

    public int size() {
        return names.size();
    }
}
