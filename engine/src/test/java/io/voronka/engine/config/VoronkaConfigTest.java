package io.voronka.engine.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VoronkaConfigTest {
    private static final Path FILE = Path.of("/etc/voronka/voronka.yaml");

    private static VoronkaConfig parse(String yaml, Map<String, String> env) {
        return VoronkaConfig.parse(yaml, FILE, env::get);
    }

    private static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml, Map.of())).getMessage();
    }

    @Test
    void shippedSeedConfigParsesWithDefaultsFromTheEnvironment() {
        VoronkaConfig c = VoronkaConfig.parse(read("../config/seed-crm.yaml"), Path.of("../config/seed-crm.yaml"),
                name -> name.equals("VORONKA_DB_PASSWORD") ? "s3cret" : null);
        assertEquals(ZoneId.of("Europe/Moscow"), c.timezone());
        assertEquals("jdbc:postgresql://127.0.0.1:5432/crm", c.database().url());
        assertEquals("s3cret", c.database().password());
        assertFalse(c.database().toString().contains("s3cret"));
        assertEquals(UserKeyType.INT64, c.userKey());
        assertEquals(new DictionaryConfig("events_dict", null, "id", "name", List.of("name_en")), c.dictionary());
        SourceConfig payments = c.source("payments").orElseThrow();
        assertEquals(TypeMapping.ofConstant("pay"), payments.type());
        assertEquals("amount", payments.value());
        assertEquals(List.of("currency"), payments.dimensions());
        assertEquals(new SourceLocation.Table("payments", "NOT is_gift"), payments.location());
        assertTrue(payments.dedupe());
        assertEquals(List.of("_user_id", "transaction_created_at", "amount", "currency"), payments.columns());
        assertEquals(TypeMapping.ofColumn("event_id"), c.source("events").orElseThrow().type());
    }

    @Test
    void watermarkAndLateRowsAreReadAndCheckedPerSource() {
        String head = "database: { url: \"jdbc:postgresql://h/db\" }\nsources:\n";
        String e = "  - { name: e, table: e, user: u, time: t, type: { constant: x }";
        VoronkaConfig c = parse(head + e + ", watermark: t, late_rows: 10m }\n"
                + "  - { name: p, table: p, user: u, time: t, type: { constant: pay }, watermark: id, late_rows: 500 }\n"
                + "  - { name: q, table: q, user: u, time: t, type: { constant: q } }\n", Map.of());
        assertEquals(new LateRows(java.time.Duration.ofMinutes(10), 0), c.source("e").orElseThrow().lateRows());
        assertEquals(new LateRows(java.time.Duration.ZERO, 500), c.source("p").orElseThrow().lateRows());
        assertEquals("id", c.source("p").orElseThrow().watermark());
        assertNull(c.source("q").orElseThrow().watermark());
        assertEquals(LateRows.NONE, c.source("q").orElseThrow().lateRows());
        assertTrue(error(head + e + ", late_rows: 1h }\n").contains("'late_rows' needs a 'watermark' column"));
        assertTrue(error(head + e + ", watermark: t, late_rows: soon }\n").contains("'soon' is neither a duration"));
        assertTrue(error(head + e + ", watermark: t, late_rows: 1h, dedupe: false }\n")
                .contains("needs 'dedupe: true'"));
        assertTrue(error("sources:\n  - { name: f, file: f.csv, user: u, time: t, type: { constant: x }, "
                + "watermark: t }\n").contains("applies to table sources only"));
    }

    @Test
    void otherModulesSectionsAreIgnoredAndFilesResolveAgainstTheConfigFolder() {
        VoronkaConfig c = parse("""
                http: { port: 8080, anything: [1, 2] }
                bot: { token: "${BOT_TOKEN}" }
                reports: whatever
                users: { key: uuid }
                sources:
                  - { name: o, file: data/o.csv, user: u, time: t, type: { constant: order }, dedupe: false }
                """, Map.of());
        assertEquals(ZoneId.of("UTC"), c.timezone());
        assertNull(c.database());
        assertEquals(UserKeyType.UUID, c.userKey());
        assertEquals(new SourceLocation.CsvFile(Path.of("/etc/voronka/data/o.csv")), c.sources().get(0).location());
        assertFalse(c.sources().get(0).dedupe());
    }

    @Test
    void parquetSourcesDictionaryAndCostsResolveAgainstTheConfigFolderAndNeedNoDatabase() {
        VoronkaConfig c = parse("""
                dictionary: { parquet: dict, id: id, name: name }
                sources:
                  - { name: e, parquet: data/events, user: u, time: t, type: { column: k }, filter: "NOT gift" }
                costs: { parquet: /data/costs, time: dt, group: source, value: amount, dimension: utm_source }
                """, Map.of());
        assertNull(c.database());
        assertEquals(new SourceLocation.ParquetFiles(Path.of("/etc/voronka/data/events"), "NOT gift"),
                c.sources().get(0).location());
        assertEquals(Path.of("/etc/voronka/dict"), c.dictionary().parquet());
        assertEquals(new SourceLocation.ParquetFiles(Path.of("/data/costs"), null), c.costs().location());
        assertEquals("/etc/voronka/voronka.yaml: sources[0] 'e': 'file' exactly one of 'table', 'file' and 'parquet'"
                + " must be given", error("""
                sources: [ { name: e, parquet: p, file: f.csv, user: u, time: t, type: { column: k } } ]
                """));
    }

    @Test
    void variablesExpandWithDefaults() {
        VoronkaConfig c = parse("""
                database: { url: "jdbc:postgresql://${PGHOST:-localhost}:5432/${DB}", password: "${PW:-}" }
                sources: [ { name: e, table: events, user: u, time: t, type: { column: e } } ]
                """, Map.of("DB", "crm"));
        assertEquals("jdbc:postgresql://localhost:5432/crm", c.database().url());
        assertEquals("", c.database().password());
    }

    @Test
    void unsetVariableWithoutDefaultIsNamed() {
        assertEquals("/etc/voronka/voronka.yaml: database.password: environment variable PW is not set"
                + " (write ${PW:-default} to allow that)", error("""
                database: { url: "jdbc:postgresql://h/crm", password: "${PW}" }
                sources: [ { name: e, table: events, user: u, time: t, type: { column: e } } ]
                """));
    }

    @Test
    void unknownKeyInsideASourceNamesTheSourceAndTheKey() {
        assertEquals("/etc/voronka/voronka.yaml: sources[0] 'events': unknown key 'tabel'; did you mean 'table'? (known keys: name, table,"
                + " file, parquet, user, time, type, value, dimensions, filter, dedupe, watermark, late_rows)", error("""
                sources: [ { name: events, tabel: events, user: u, time: t, type: { column: e } } ]
                """));
        assertEquals("/etc/voronka/voronka.yaml: database: unknown key 'pasword'; did you mean 'password'? (known keys: url, user, password,"
                + " lock_timeout, statement_timeout)",
                error("""
                database: { url: "jdbc:postgresql://h/crm", pasword: x }
                sources: [ { name: e, table: events, user: u, time: t, type: { column: e } } ]
                """));
    }

    @Test
    void lockAndStatementTimeoutsTakeUnitsAndDefaultToThirtySecondsAndNone() {
        String sources = "sources: [ { name: e, table: events, user: u, time: t, type: { column: e } } ]\n";
        VoronkaConfig defaults = parse("database: { url: \"jdbc:postgresql://h/crm\" }\n" + sources, Map.of());
        assertEquals(java.time.Duration.ofSeconds(30), defaults.database().lockTimeout());
        assertEquals(java.time.Duration.ZERO, defaults.database().statementTimeout());
        VoronkaConfig set = parse("database: { url: \"jdbc:postgresql://h/crm\", lock_timeout: 500ms,"
                + " statement_timeout: 5min }\n" + sources, Map.of());
        assertEquals(java.time.Duration.ofMillis(500), set.database().lockTimeout());
        assertEquals(java.time.Duration.ofMinutes(5), set.database().statementTimeout());
        assertEquals("/etc/voronka/voronka.yaml: database: 'lock_timeout' must be a duration such as 500ms, 30s, 5min"
                + " or 1h, was 'soon'", error("database: { url: \"jdbc:postgresql://h/crm\", lock_timeout: soon }\n"
                + sources));
    }

    @Test
    void rulesAreNamedWithTheValue() {
        assertEquals("/etc/voronka/voronka.yaml: users: 'key' 'bigint' is not one of int64, uint64, text, uuid",
                error("users: { key: bigint }\nsources: [ { name: e, file: e.csv, user: u, time: t, type: { constant: x } } ]"));
        assertEquals("/etc/voronka/voronka.yaml: top level: 'timezone' 'Mars/Olympus' is not a time zone id"
                + " (e.g. Europe/Moscow, UTC, +03:00)",
                error("timezone: Mars/Olympus\nsources: [ { name: e, file: e.csv, user: u, time: t, type: { constant: x } } ]"));
        assertEquals("/etc/voronka/voronka.yaml: sources[0] 'e': 'table' exactly one of 'table', 'file' and 'parquet' must be given",
                error("sources: [ { name: e, user: u, time: t, type: { constant: x } } ]"));
        assertEquals("/etc/voronka/voronka.yaml: sources[0] 'e': 'time' is required",
                error("sources: [ { name: e, file: e.csv, user: u, type: { constant: x } } ]"));
        assertEquals("/etc/voronka/voronka.yaml: sources[0] 'e'.type: 'column' give exactly one of 'column' and 'constant'",
                error("sources: [ { name: e, file: e.csv, user: u, time: t, type: { column: a, constant: x } } ]"));
        assertEquals("/etc/voronka/voronka.yaml: sources[1] 'e': name 'e' is used by another source; names must be unique",
                error("sources: [ { name: e, file: e.csv, user: u, time: t, type: { constant: x } },"
                        + " { name: e, file: f.csv, user: u, time: t, type: { constant: x } } ]"));
        assertEquals("/etc/voronka/voronka.yaml: section 'database' is required: a source reads a table",
                error("sources: [ { name: e, table: events, user: u, time: t, type: { constant: x } } ]"));
        assertEquals("/etc/voronka/voronka.yaml: sources[0] 'e': 'dedupe' must be true or false, got 'yes please'",
                error("sources: [ { name: e, file: e.csv, user: u, time: t, type: { constant: x }, dedupe: yes please } ]"));
    }

    @Test
    void costsComeFromATableOrAFileAndATableNeedsTheDatabase() {
        VoronkaConfig c = parse("""
                sources: [ { name: e, file: e.csv, user: u, time: t, type: { constant: x } } ]
                costs: { file: spend.csv, time: dt, group: source, value: amount, dimension: utm_source }
                """, Map.of());
        assertEquals(new CostsConfig(new SourceLocation.CsvFile(Path.of("/etc/voronka/spend.csv")), "dt", "source",
                "amount", "utm_source"), c.costs());
        assertEquals("/etc/voronka/voronka.yaml: section 'database' is required: the costs are read from a table",
                error("sources: [ { name: e, file: e.csv, user: u, time: t, type: { constant: x } } ]\n"
                        + "costs: { table: spend, time: dt, group: source, value: amount, dimension: utm_source }"));
        assertEquals("/etc/voronka/voronka.yaml: costs: 'filter' a SQL filter applies to tables only, not to file s.csv",
                error("sources: [ { name: e, file: e.csv, user: u, time: t, type: { constant: x } } ]\n"
                        + "costs: { file: s.csv, filter: x, time: dt, group: source, value: amount, dimension: u }"));
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + path, e);
        }
    }
}
