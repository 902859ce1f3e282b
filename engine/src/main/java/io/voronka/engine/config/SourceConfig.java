package io.voronka.engine.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One source of events: a table ({@code table}, optional SQL {@code filter}), a CSV file ({@code file}) or Parquet
 * files ({@code parquet}: a file or a folder of them, read by the Spark backend; optional Spark SQL {@code filter});
 * paths are already resolved against the configuration file's folder; exactly one of the three is set.
 * {@code value} may be null; {@code dimensions} may be empty.
 */
public record SourceConfig(String name, String table, Path file, Path parquet, String user, String time,
                           TypeMapping type, String value, List<String> dimensions, String filter, boolean dedupe) {
    public SourceConfig {
        if ((table != null ? 1 : 0) + (file != null ? 1 : 0) + (parquet != null ? 1 : 0) != 1) {
            throw new IllegalArgumentException("source '" + name + "': exactly one of table, file and parquet must"
                    + " be set");
        }
        dimensions = List.copyOf(dimensions);
    }

    public boolean isTable() {
        return table != null;
    }

    public boolean isParquet() {
        return parquet != null;
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
