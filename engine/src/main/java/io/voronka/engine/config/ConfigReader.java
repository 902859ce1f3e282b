package io.voronka.engine.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns the engine's sections of a {@link ConfigDocument} into {@link VoronkaConfig}, checking every key. */
final class ConfigReader {
    private static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final List<String> SOURCE_KEYS = List.of("name", "table", "file", "parquet", "user", "time", "type",
            "value", "dimensions", "filter", "dedupe", "watermark", "late_rows");

    private final ConfigDocument document;
    private final String fileLabel;
    private final Path baseDir;

    private ConfigReader(ConfigDocument document) {
        this.document = document;
        this.fileLabel = document.label();
        this.baseDir = document.baseDir();
    }

    static VoronkaConfig read(ConfigDocument document) {
        return new ConfigReader(document).read();
    }

    private VoronkaConfig read() {
        ConfigSection top = document.top();
        ZoneId zone = zone(top);
        UserKeyType key = userKey(top.section("users"));
        DictionaryConfig dictionary = dictionary(top.section("dictionary"));
        List<SourceConfig> sources = sources(top);
        DatabaseConfig database = database(top.section("database"));
        CostsConfig costs = costs(top.section("costs"));
        if (database == null) {
            String reason = dictionary != null && dictionary.table() != null ? "a dictionary table is configured"
                    : sources.stream().anyMatch(s -> s.location().inDatabase()) ? "a source reads a table"
                    : costs != null && costs.location().inDatabase() ? "the costs are read from a table" : null;
            if (reason != null) {
                throw new ConfigException(fileLabel + ": section 'database' is required: " + reason);
            }
        }
        return new VoronkaConfig(document.file(), zone, database, key, dictionary, sources, costs);
    }

    private CostsConfig costs(ConfigSection costs) {
        if (costs == null) {
            return null;
        }
        costs.allow("table", "file", "parquet", "filter", "time", "group", "value", "dimension");
        return new CostsConfig(location(costs), costs.string("time", true), costs.string("group", true),
                costs.string("value", true), costs.string("dimension", true));
    }

    private ZoneId zone(ConfigSection top) {
        String name = top.string("timezone", false);
        if (name == null) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw top.error("timezone", "'" + name + "' is not a time zone id (e.g. Europe/Moscow, UTC, +03:00)");
        }
    }

    private UserKeyType userKey(ConfigSection users) {
        if (users == null) {
            return UserKeyType.INT64;
        }
        users.allow("key");
        String key = users.string("key", false);
        if (key == null) {
            return UserKeyType.INT64;
        }
        try {
            return UserKeyType.valueOf(key.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw users.error("key", "'" + key + "' is not one of int64, uint64, text, uuid");
        }
    }

    private DatabaseConfig database(ConfigSection db) {
        if (db == null) {
            return null;
        }
        db.allow("url", "user", "password", "lock_timeout", "statement_timeout");
        String url = db.string("url", true);
        if (!url.startsWith("jdbc:postgresql:")) {
            throw db.error("url", "'" + url + "' is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
        return new DatabaseConfig(url, db.string("user", false), db.string("password", false),
                db.duration("lock_timeout", DatabaseConfig.DEFAULT_LOCK_TIMEOUT), db.duration("statement_timeout",
                Duration.ZERO));
    }

    private DictionaryConfig dictionary(ConfigSection dict) {
        if (dict == null) {
            return null;
        }
        dict.allow("table", "parquet", "id", "name", "aliases");
        String id = dict.string("id", false);
        String name = dict.string("name", false);
        String table = dict.string("table", false);
        String parquet = dict.string("parquet", false);
        if ((table == null) == (parquet == null)) {
            throw dict.error(table == null ? "table" : "parquet", "exactly one of 'table' and 'parquet' must be given");
        }
        return new DictionaryConfig(table, parquet == null ? null : baseDir.resolve(parquet).normalize(),
                id == null ? "id" : id, name == null ? "name" : name,
                dict.stringList("aliases"));
    }

    private List<SourceConfig> sources(ConfigSection top) {
        JsonNode list = top.node().get("sources");
        if (list == null || list.isNull()) {
            throw new ConfigException(fileLabel + ": section 'sources' is required (a list of tables or CSV files)");
        }
        if (!list.isArray() || list.isEmpty()) {
            throw new ConfigException(fileLabel + ": 'sources' must be a non-empty list");
        }
        List<SourceConfig> sources = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            if (!node.isObject()) {
                throw new ConfigException(fileLabel + ": sources[" + i + "] must be a mapping, got " + node.getNodeType());
            }
            JsonNode nameNode = node.get("name");
            String label = "sources[" + i + "]" + (nameNode != null && nameNode.isTextual()
                    ? " '" + nameNode.asText() + "'" : "");
            SourceConfig source = source(new ConfigSection(document, node, label));
            if (!names.add(source.name())) {
                throw new ConfigException(fileLabel + ": " + label + ": name '" + source.name()
                        + "' is used by another source; names must be unique");
            }
            sources.add(source);
        }
        return sources;
    }

    private SourceConfig source(ConfigSection s) {
        s.allow(SOURCE_KEYS.toArray(new String[0]));
        String name = s.string("name", true);
        if (!SOURCE_NAME.matcher(name).matches()) {
            throw s.error("name", "'" + name + "' may only hold letters, digits, '_', '.' and '-'");
        }
        SourceLocation location = location(s);
        boolean dedupe = s.bool("dedupe", true);
        String watermark = s.string("watermark", false);
        LateRows late = LateRows.NONE;
        String lateText = s.string("late_rows", false);
        if (lateText != null) {
            late = LateRows.parse(lateText);
            if (late == null) {
                throw s.error("late_rows", "'" + lateText + "' is neither a duration (30s, 10m, 2h, 1d) for a time "
                        + "watermark nor a number of ids");
            }
            if (watermark == null) {
                throw s.error("late_rows", "needs a 'watermark' column: it is how far below the watermark a refresh "
                        + "reads again");
            }
            if (!dedupe && !late.isNone()) {
                throw s.error("late_rows", "needs 'dedupe: true': rows read again in the overlap are recognised as "
                        + "rows already loaded by the duplicate rule");
            }
        }
        if (watermark != null && !location.inDatabase()) {
            throw s.error("watermark", "applies to table sources only; a file is read whole by every load");
        }
        return new SourceConfig(name, location, s.string("user", true), s.string("time", true), typeMapping(s),
                s.string("value", false), s.stringList("dimensions"), dedupe, watermark, late);
    }

    /** {@code table:} or {@code parquet:} (with an optional {@code filter:}) or {@code file:}, exactly one. */
    private SourceLocation location(ConfigSection s) {
        String table = s.string("table", false);
        String file = s.string("file", false);
        String parquet = s.string("parquet", false);
        if ((table != null ? 1 : 0) + (file != null ? 1 : 0) + (parquet != null ? 1 : 0) != 1) {
            throw s.error(table == null ? (file == null ? "table" : "file") : "table",
                    "exactly one of 'table', 'file' and 'parquet' must be given");
        }
        String filter = s.string("filter", false);
        if (table != null) {
            return new SourceLocation.Table(table, filter);
        }
        if (parquet != null) {
            return new SourceLocation.ParquetFiles(baseDir.resolve(parquet).normalize(), filter);
        }
        if (filter != null) {
            throw s.error("filter", "a SQL filter applies to tables only, not to file " + file);
        }
        return new SourceLocation.CsvFile(baseDir.resolve(file).normalize());
    }

    private TypeMapping typeMapping(ConfigSection source) {
        ConfigSection type = source.section("type");
        if (type == null) {
            throw source.error("type", "is required: { column: <column> } or { constant: <type name> }");
        }
        type.allow("column", "constant");
        String column = type.string("column", false);
        String constant = type.string("constant", false);
        if ((column == null) == (constant == null)) {
            throw type.error("column", "give exactly one of 'column' and 'constant'");
        }
        return column != null ? TypeMapping.ofColumn(column) : TypeMapping.ofConstant(constant);
    }
}
