package io.voronka.engine.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A configuration file read and parsed once. Each module reads its own sections from {@link #top()} with the same
 * {@link ConfigSection} reader (the engine: {@code sources}, {@code database}, ...; the server: {@code http},
 * {@code reports}, {@code bot}), so every message names the file and key the same way and {@code ${VAR}} works in
 * every section.
 */
public final class ConfigDocument {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

    private final String label;
    private final Path file;
    private final Path baseDir;
    private final UnaryOperator<String> environment;
    private final ConfigSection top;

    private ConfigDocument(Path file, JsonNode root, UnaryOperator<String> environment) {
        this.file = file;
        this.label = file.toString();
        Path parent = file.toAbsolutePath().getParent();
        this.baseDir = parent == null ? Path.of("").toAbsolutePath() : parent;
        this.environment = environment;
        this.top = new ConfigSection(this, root, "top level");
    }

    /** Reads and parses a file, expanding variables from {@code environment} (null = unset). */
    public static ConfigDocument read(Path file, UnaryOperator<String> environment) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e);
        }
        return parse(text, file, environment);
    }

    /** Parses configuration text; relative paths resolve against {@code file}'s folder. */
    public static ConfigDocument parse(String yaml, Path file, UnaryOperator<String> environment) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(yaml);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(file + ": not valid YAML at line " + line + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(file + ": expected a mapping of sections at the top level");
        }
        return new ConfigDocument(file, root, environment);
    }

    /** The top-level mapping of sections. */
    public ConfigSection top() {
        return top;
    }

    /** The file it was read from (for messages); may be a label such as {@code <test>}. */
    public Path file() {
        return file;
    }

    /** The folder relative paths in the file resolve against. */
    public Path baseDir() {
        return baseDir;
    }

    String label() {
        return label;
    }

    /** Replaces {@code ${VAR}} and {@code ${VAR:-default}}; an unset variable without a default is an error. */
    String expand(String value, String where) {
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
                    throw new ConfigException(label + ": " + where + ": environment variable " + variable
                            + " is not set (write ${" + variable + ":-default} to allow that)");
                }
                replacement = m.group(3);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
