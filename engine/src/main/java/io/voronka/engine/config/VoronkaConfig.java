package io.voronka.engine.config;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The engine's part of the Voronka configuration file (YAML). Other top-level keys ({@code http}, {@code bot},
 * {@code reports}, ...) belong to other modules and are ignored here; unknown keys inside the engine's own
 * sections are errors.
 *
 * <pre>
 * timezone: Europe/Moscow          # default UTC; calendar buckets and 'timestamp without time zone' columns
 * database: { url: "jdbc:postgresql://127.0.0.1:5432/crm", user: postgres, password: "${VORONKA_DB_PASSWORD:-}" }
 * users: { key: int64 }            # int64 (default) | uint64 | text | uuid
 * dictionary: { table: events_dict, id: id, name: name, aliases: [name_en] }   # optional
 * sources:
 *   - name: events
 *     table: events                # or  file: data/events.csv (relative to this file's folder)
 *     user: _user_id
 *     time: happened_at
 *     type: { column: event_id }   # or { constant: pay }
 *     value: amount                # optional numeric column
 *     dimensions: [currency]       # optional
 *     filter: "NOT is_gift"        # optional SQL condition, table sources only
 *     dedupe: true                 # default true
 * </pre>
 * String values may use {@code ${ENV_VAR}} and {@code ${ENV_VAR:-default}}; see {@code docs/configuration.md}.
 *
 * @param file the file it was read from (for messages); may be a label such as {@code <test>}
 * @param database null when no source is a table and there is no dictionary
 * @param dictionary null when not configured
 * @param costs      marketing spend for CAC/ROMI; null when not configured
 */
public record VoronkaConfig(Path file, ZoneId timezone, DatabaseConfig database, UserKeyType userKey,
                            DictionaryConfig dictionary, List<SourceConfig> sources, CostsConfig costs) {
    /** The top-level sections the engine reads (the server's are its own; the application checks the union). */
    public static final List<String> SECTIONS = List.of("timezone", "database", "users", "dictionary", "sources",
            "costs");

    public VoronkaConfig {
        sources = List.copyOf(sources);
    }

    /** Reads and validates a configuration file, expanding variables from the process environment. */
    public static VoronkaConfig load(Path file) {
        return from(ConfigDocument.read(file, System::getenv));
    }

    /** Reads the engine's sections of an already parsed file (the server reads its own from the same document). */
    public static VoronkaConfig from(ConfigDocument document) {
        return ConfigReader.read(document);
    }

    /**
     * Parses configuration text; relative {@code file:} paths resolve against {@code file}'s folder.
     * {@code environment} answers variable lookups (null = unset).
     */
    public static VoronkaConfig parse(String yaml, Path file, UnaryOperator<String> environment) {
        return from(ConfigDocument.parse(yaml, file, environment));
    }

    public Optional<SourceConfig> source(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The same configuration reading tables from another database (tests, command-line overrides). */
    public VoronkaConfig withDatabase(DatabaseConfig other) {
        return new VoronkaConfig(file, timezone, other, userKey, dictionary, sources, costs);
    }
}
