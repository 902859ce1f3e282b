package io.voronka.engine.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One source of events: a table ({@code table}, optional SQL {@code filter}) or a CSV file ({@code file},
 * already resolved against the configuration file's folder); exactly one of the two is set.
 * {@code value} may be null; {@code dimensions} may be empty.
 */
public record SourceConfig(String name, String table, Path file, String user, String time, TypeMapping type,
                           String value, List<String> dimensions, String filter, boolean dedupe) {
    public SourceConfig {
        if ((table == null) == (file == null)) {
            throw new IllegalArgumentException("source '" + name + "': exactly one of table and file must be set");
        }
        dimensions = List.copyOf(dimensions);
    }

    public boolean isTable() {
        return table != null;
    }

    /** The columns read, in order: user, time, type column (if any), value (if any), dimensions. */
    public List<String> columns() {
        List<String> columns = new ArrayList<>();
        columns.add(user);
        columns.add(time);
        if (!type.isConstant()) {
            columns.add(type.column());
        }
        if (value != null) {
            columns.add(value);
        }
        columns.addAll(dimensions);
        return columns;
    }
}
