package io.voronka.engine.config;

import java.nio.file.Path;

/**
 * Where a source's rows (or the costs) are read from: one record per kind of location, each read by its own
 * {@code SourceReader}. Adding a kind (a Parquet file, a snapshot, a Spark partition):
 * <ol>
 *   <li>a record here and a method in {@link Visitor};</li>
 *   <li>its key in {@code ConfigReader.location} (e.g. {@code parquet: path});</li>
 *   <li>a {@code SourceReader} (and a {@code CostsReader} if costs can live there) in its own package under
 *       {@code io.voronka.engine.load}, decoding fields into the {@code RowSink};</li>
 *   <li>the visitor methods in {@code StoreLoader} that construct them (the compiler points there);</li>
 *   <li>the key in {@code docs/configuration.md}.</li>
 * </ol>
 */
public sealed interface SourceLocation permits SourceLocation.Table, SourceLocation.CsvFile,
        SourceLocation.ParquetFiles {

    <R> R accept(Visitor<R> visitor);

    /** Whether reading it needs the {@code database} section. */
    boolean inDatabase();

    /** One method per kind of location. */
    interface Visitor<R> {
        R table(Table table);

        R csvFile(CsvFile file);

        R parquetFiles(ParquetFiles files);
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

    /**
     * A Parquet file or a folder of them, already resolved against the configuration file's folder, with an optional
     * Spark SQL condition {@code filter} (null when none). Read by the Spark backend (module {@code spark}), not into
     * one process's heap.
     */
    record ParquetFiles(Path path, String filter) implements SourceLocation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.parquetFiles(this);
        }

        @Override
        public boolean inDatabase() {
            return false;
        }
    }
}
