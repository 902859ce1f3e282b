package io.voronka.engine.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The event dictionary: a table or ({@code parquet}, read by the Spark backend) Parquet files, exactly one of the
 * two; external id column, display name column, alias columns.
 */
public record DictionaryConfig(String table, Path parquet, String id, String name, List<String> aliases) {
    public DictionaryConfig {
        if ((table == null) == (parquet == null)) {
            throw new IllegalArgumentException("the dictionary needs exactly one of table and parquet");
        }
        aliases = List.copyOf(aliases);
    }
}
