package io.voronka.engine.config;

import java.util.List;

/** The event dictionary table: external id column, display name column, alias columns. */
public record DictionaryConfig(String table, String id, String name, List<String> aliases) {
    public DictionaryConfig {
        aliases = List.copyOf(aliases);
    }
}
