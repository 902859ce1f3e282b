package io.voronka.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.voronka.engine.error.ClosestNames;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mapping in a {@link ConfigDocument} with the name used for it in messages ({@code sources[0] 'events'},
 * {@code http}). Every accessor checks the value's shape and throws a {@link ConfigException} naming the file,
 * the place, the key, the rule and the value; string values expand {@code ${VAR}}.
 */
public final class ConfigSection {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|min|h)?");

    private final ConfigDocument document;
    private final JsonNode node;
    private final String where;

    ConfigSection(ConfigDocument document, JsonNode node, String where) {
        this.document = document;
        this.node = node;
        this.where = where;
    }

    /** The name of this mapping in messages. */
    public String where() {
        return where;
    }

    /** The raw tree, for readers that map a section themselves. */
    public JsonNode node() {
        return node;
    }

    /** Whether {@code key} is present and not null. */
    public boolean has(String key) {
        JsonNode child = node.get(key);
        return child != null && !child.isNull();
    }

    /** An error about this section as a whole. */
    public ConfigException error(String problem) {
        return new ConfigException(document.label() + ": " + where + ": " + problem);
    }

    /** An error about one key of this section. */
    public ConfigException error(String key, String problem) {
        return error("'" + key + "' " + problem);
    }

    /** Rejects keys other than these. */
    public void allow(String... keys) {
        List<String> known = List.of(keys);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                String hint = ClosestNames.didYouMean(key, known);
                throw error("unknown key '" + key + "'" + (hint.isEmpty() ? "" : "; " + hint) + " (known keys: "
                        + String.join(", ", known) + ")");
            }
        }
    }

    /** The mapping under {@code key}, or null when absent. */
    public ConfigSection section(String key) {
        JsonNode child = node.get(key);
        if (child == null || child.isNull()) {
            return null;
        }
        if (!child.isObject()) {
            throw error(key, "must be a mapping, got " + child.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return new ConfigSection(document, child, where.equals("top level") ? key : where + "." + key);
    }

    /** The mappings listed under {@code key} (named {@code key[i]} in messages); empty when absent. */
    public List<ConfigSection> sections(String key, String shape) {
        JsonNode child = node.get(key);
        if (child == null || child.isNull()) {
            return List.of();
        }
        if (!child.isArray()) {
            throw error(key, "must be a list of " + shape);
        }
        List<ConfigSection> out = new ArrayList<>();
        for (int i = 0; i < child.size(); i++) {
            JsonNode item = child.get(i);
            String inner = (where.equals("top level") ? "" : where + ".") + key + "[" + i + "]";
            if (!item.isObject()) {
                throw error(key, "item " + i + " must be a mapping " + shape + ", got "
                        + item.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            out.add(new ConfigSection(document, item, inner));
        }
        return out;
    }

    public String string(String key, boolean required) {
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
        String value = document.expand(child.asText(), where + "." + key).strip();
        if (value.isEmpty() && required) {
            throw error(key, "must not be empty");
        }
        return value.isEmpty() && !key.equals("password") ? null : value;
    }

    public boolean bool(String key, boolean fallback) {
        JsonNode child = node.get(key);
        if (child == null || child.isNull()) {
            return fallback;
        }
        if (!child.isBoolean()) {
            throw error(key, "must be true or false, got '" + child.asText() + "'");
        }
        return child.booleanValue();
    }

    /** A duration such as {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}; null when absent. */
    public java.time.Duration duration(String key) {
        String text = string(key, false);
        if (text == null) {
            return null;
        }
        LateRows parsed = LateRows.parse(text);
        if (parsed == null || !parsed.isDuration()) {
            throw error(key, "must be a duration such as 30s, 5m, 2h or 1d, was '" + text + "'");
        }
        return parsed.duration();
    }

    /** A whole number from {@code min} to {@code max}; {@code fallback} when absent. */
    public int intIn(String key, int fallback, int min, int max) {
        JsonNode child = node.get(key);
        if (child == null || child.isNull()) {
            return fallback;
        }
        if (!child.canConvertToInt() || !child.isIntegralNumber() || child.asInt() < min || child.asInt() > max) {
            throw error(key, "must be a whole number from " + min + " to " + max + ", was " + child);
        }
        return child.asInt();
    }

    /**
     * A duration written as {@code 500ms}, {@code 30s}, {@code 5min} or {@code 1h} (a bare number is milliseconds);
     * {@code 0} means none. {@code fallback} when absent.
     */
    public Duration duration(String key, Duration fallback) {
        String text = string(key, false);
        if (text == null) {
            return fallback;
        }
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw error(key, "must be a duration such as 500ms, 30s, 5min or 1h, was '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "min" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    /** A number from {@code min} to {@code max} (inclusive); {@code fallback} when absent. */
    public double numberIn(String key, double fallback, double min, double max) {
        JsonNode child = node.get(key);
        if (child == null || child.isNull()) {
            return fallback;
        }
        if (!child.isNumber() || child.asDouble() < min || child.asDouble() > max) {
            throw error(key, "must be a number from " + min + " to " + max + ", was " + child);
        }
        return child.asDouble();
    }

    public List<String> stringList(String key) {
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
            values.add(document.expand(item.asText(), where + "." + key).strip());
        }
        return values;
    }
}
