package io.voronka.engine.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the YAML tree into {@link VoronkaConfig}, checking every key of the engine's sections. */
final class ConfigReader {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");
    private static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final List<String> SOURCE_KEYS = List.of("name", "table", "file", "parquet", "user", "time", "type", "value",
            "dimensions", "filter", "dedupe");

    private final String fileLabel;
    private final Path baseDir;
    private final UnaryOperator<String> environment;

    private ConfigReader(Path file, UnaryOperator<String> environment) {
        this.fileLabel = file.toString();
        Path parent = file.toAbsolutePath().getParent();
        this.baseDir = parent == null ? Path.of("").toAbsolutePath() : parent;
        this.environment = environment;
    }

    static VoronkaConfig read(Path file, UnaryOperator<String> environment) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e);
        }
        return parse(text, file, environment);
    }

    static VoronkaConfig parse(String yaml, Path file, UnaryOperator<String> environment) {
        return new ConfigReader(file, environment).parse(yaml);
    }

    private VoronkaConfig parse(String yaml) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(yaml);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(fileLabel + ": not valid YAML at line " + line + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(fileLabel + ": expected a mapping of sections at the top level");
        }
        Section top = new Section(root, "top level");
        ZoneId zone = zone(top);
        UserKeyType key = userKey(top.section("users"));
        DictionaryConfig dictionary = dictionary(top.section("dictionary"));
        List<SourceConfig> sources = sources(top);
        DatabaseConfig database = database(top.section("database"));
        CostsConfig costs = costs(top.section("costs"));
        boolean needsDatabase = (dictionary != null && dictionary.table() != null)
                || (costs != null && costs.table() != null) || sources.stream().anyMatch(SourceConfig::isTable);
        if (database == null && needsDatabase) {
            throw new ConfigException(fileLabel + ": section 'database' is required: "
                    + (dictionary != null ? "a dictionary table is configured" : "a source reads a table"));
        }
        return new VoronkaConfig(Path.of(fileLabel), zone, database, key, dictionary, sources, costs);
    }

    private CostsConfig costs(Section costs) {
        if (costs == null) {
            return null;
        }
        costs.allow("table", "parquet", "time", "group", "value", "dimension", "filter");
        String table = costs.string("table", false);
        Path parquet = parquet(costs, table);
        return new CostsConfig(table, parquet, costs.string("time", true), costs.string("group", true),
                costs.string("value", true), costs.string("dimension", true), costs.string("filter", false));
    }

    private ZoneId zone(Section top) {
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

    private UserKeyType userKey(Section users) {
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

    private DatabaseConfig database(Section db) {
        if (db == null) {
            return null;
        }
        db.allow("url", "user", "password");
        String url = db.string("url", true);
        if (!url.startsWith("jdbc:postgresql:")) {
            throw db.error("url", "'" + url + "' is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
        return new DatabaseConfig(url, db.string("user", false), db.string("password", false));
    }

    private DictionaryConfig dictionary(Section dict) {
        if (dict == null) {
            return null;
        }
        dict.allow("table", "parquet", "id", "name", "aliases");
        String id = dict.string("id", false);
        String name = dict.string("name", false);
        String table = dict.string("table", false);
        return new DictionaryConfig(table, parquet(dict, table), id == null ? "id" : id, name == null ? "name" : name,
                dict.stringList("aliases"));
    }

    /** The resolved {@code parquet} path of a section that has a table or Parquet files (exactly one). */
    private Path parquet(Section section, String table) {
        String parquet = section.string("parquet", false);
        if ((table == null) == (parquet == null)) {
            throw section.error(table == null ? "table" : "parquet", "exactly one of 'table' and 'parquet' must be given");
        }
        return parquet == null ? null : baseDir.resolve(parquet).normalize();
    }

    private List<SourceConfig> sources(Section top) {
        JsonNode list = top.node.get("sources");
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
            SourceConfig source = source(new Section(node, label));
            if (!names.add(source.name())) {
                throw new ConfigException(fileLabel + ": " + label + ": name '" + source.name()
                        + "' is used by another source; names must be unique");
            }
            sources.add(source);
        }
        return sources;
    }

    private SourceConfig source(Section s) {
        s.allow(SOURCE_KEYS.toArray(new String[0]));
        String name = s.string("name", true);
        if (!SOURCE_NAME.matcher(name).matches()) {
            throw s.error("name", "'" + name + "' may only hold letters, digits, '_', '.' and '-'");
        }
        String table = s.string("table", false);
        String file = s.string("file", false);
        String parquet = s.string("parquet", false);
        if ((table != null ? 1 : 0) + (file != null ? 1 : 0) + (parquet != null ? 1 : 0) != 1) {
            throw s.error(table == null ? (file == null ? "table" : "file") : "table",
                    "exactly one of 'table', 'file' and 'parquet' must be given");
        }
        String filter = s.string("filter", false);
        if (filter != null && file != null) {
            throw s.error("filter", "a SQL filter applies to table and Parquet sources only, not to file " + file);
        }
        Path path = file == null ? null : baseDir.resolve(file).normalize();
        Path parquetPath = parquet == null ? null : baseDir.resolve(parquet).normalize();
        return new SourceConfig(name, table, path, parquetPath, s.string("user", true), s.string("time", true), typeMapping(s),
                s.string("value", false), s.stringList("dimensions"), filter, s.bool("dedupe", true));
    }

    private TypeMapping typeMapping(Section source) {
        Section type = source.section("type");
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

    private String expand(String value, String where) {
        if (value.indexOf("${") < 0) {
            return value;
        }
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1);
            String replacement = environment.apply(variable);
            if (replacement == null || (replacement.isEmpty() && m.group(2) != null)) {
                if (m.group(2) == null) {
                    throw new ConfigException(fileLabel + ": " + where + ": environment variable " + variable
                            + " is not set (write ${" + variable + ":-default} to allow that)");
                }
                replacement = m.group(3);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A mapping in the YAML tree with the name used for it in messages. */
    private final class Section {
        final JsonNode node;
        final String where;

        Section(JsonNode node, String where) {
            this.node = node;
            this.where = where;
        }

        ConfigException error(String key, String problem) {
            return new ConfigException(fileLabel + ": " + where + ": '" + key + "' " + problem);
        }

        /** Rejects keys other than these. */
        void allow(String... keys) {
            List<String> known = List.of(keys);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!known.contains(key)) {
                    throw new ConfigException(fileLabel + ": " + where + ": unknown key '" + key + "' (known keys: "
                            + String.join(", ", known) + ")");
                }
            }
        }

        Section section(String key) {
            JsonNode child = node.get(key);
            if (child == null || child.isNull()) {
                return null;
            }
            if (!child.isObject()) {
                throw error(key, "must be a mapping, got " + child.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            String inner = where.equals("top level") ? key : where + "." + key;
            return new Section(child, inner);
        }

        String string(String key, boolean required) {
            JsonNode child = node.get(key);
            if (child == null || child.isNull()) {
                if (required) {
                    throw error(key, "is required");
                }
                return null;
            }
            if (!child.isValueNode()) {
                throw error(key, "must be a single value, got " + child.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            String value = expand(child.asText(), where + "." + key).strip();
            if (value.isEmpty() && required) {
                throw error(key, "must not be empty");
            }
            return value.isEmpty() && !key.equals("password") ? null : value;
        }

        boolean bool(String key, boolean fallback) {
            JsonNode child = node.get(key);
            if (child == null || child.isNull()) {
                return fallback;
            }
            if (!child.isBoolean()) {
                throw error(key, "must be true or false, got '" + child.asText() + "'");
            }
            return child.booleanValue();
        }

        List<String> stringList(String key) {
            JsonNode child = node.get(key);
            if (child == null || child.isNull()) {
                return List.of();
            }
            if (!child.isArray()) {
                throw error(key, "must be a list such as [a, b], got '" + child.asText() + "'");
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < child.size(); i++) {
                JsonNode item = child.get(i);
                if (!item.isValueNode() || item.isNull() || item.asText().isBlank()) {
                    throw error(key, "item " + i + " must be a non-empty name");
                }
                values.add(expand(item.asText(), where + "." + key).strip());
            }
            return values;
        }
    }
}
