package io.voronka.engine.config;

import java.nio.file.Path;

/**
 * Where a source's rows (or the costs) are read from: one record per kind of location, each read by its own
 * {@code SourceReader}. A new kind (a Parquet file, a snapshot, a Spark partition) is a new record here plus a
 * method in {@link Visitor}, so the compiler lists every place that must learn it (the config reader and the
 * store loader's choice of reader).
 */
public sealed interface SourceLocation permits SourceLocation.Table, SourceLocation.CsvFile {

    <R> R accept(Visitor<R> visitor);

    /** Whether reading it needs the {@code database} section. */
    boolean inDatabase();

    /** One method per kind of location. */
    interface Visitor<R> {
        R table(Table table);

        R csvFile(CsvFile file);
    }

    /**
     * A PostgreSQL table or view ({@code name} as written, possibly schema-qualified) with an optional SQL
     * condition {@code filter} (null when none).
     */
    record Table(String name, String filter) implements SourceLocation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.table(this);
        }

        @Override
        public boolean inDatabase() {
            return true;
        }
    }

    /** A CSV file (UTF-8, header row), already resolved against the configuration file's folder. */
    record CsvFile(Path path) implements SourceLocation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.csvFile(this);
        }

        @Override
        public boolean inDatabase() {
            return false;
        }
    }
}
