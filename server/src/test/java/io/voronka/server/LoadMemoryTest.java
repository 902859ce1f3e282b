package io.voronka.server;

import io.voronka.engine.testing.PgTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A load that does not fit the heap ends in one line that says how much is needed and which {@code -Xmx} to use,
 * never an OutOfMemoryError stack: checked in a child JVM started with a small heap against real PostgreSQL, once
 * with table statistics (refused before reading) and once without (the OOM itself, caught).
 */
@Tag("postgres")
class LoadMemoryTest {
    private static final String HEAP = "-Xmx48m";
    private static final int TOO_LARGE = 7;
    private static PgTestDatabase db;

    @BeforeAll
    static void bigTables() throws Exception {
        db = PgTestDatabase.create("load_memory");
        String rows = "SELECT (g % 17)::int, g % 400000, timestamp '2024-01-01' + (g % 31536000) * interval '1 second'"
                + " FROM generate_series(1, 3000000) g";
        db.execute("CREATE TABLE analyzed (event_id int, _user_id bigint, happened_at timestamp)",
                "INSERT INTO analyzed " + rows, "ANALYZE analyzed",
                "CREATE TABLE unknown_size (event_id int, _user_id bigint, happened_at timestamp)"
                        + " WITH (autovacuum_enabled = false)",
                "INSERT INTO unknown_size " + rows);
    }

    @AfterAll
    static void drop() throws Exception {
        db.close();
    }

    private record Run(int exit, List<String> errorLines) {
    }

    /** {@code voronka query} in a child JVM with a 48 MB heap over one table. */
    private static Run queryInSmallHeap(Path dir, String table) throws IOException, InterruptedException {
        Path config = dir.resolve("voronka.yaml");
        Files.writeString(config, """
                database: { url: "%s" }
                sources: [ { name: events, table: %s, user: _user_id, time: happened_at, type: { column: event_id } } ]
                """.formatted(db.url(), table));
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-cp", System.getProperty("java.class.path"), VoronkaCli.class.getName(), "query", "--config",
                config.toString(), "users").redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        int exit = p.waitFor();
        return new Run(exit, Files.readAllLines(err, StandardCharsets.UTF_8));
    }

    /** Asserts exit code 7 and one error line without a stack; returns that line. */
    private static String tooLargeLine(Run run) {
        String all = String.join("\n", run.errorLines());
        assertEquals(TOO_LARGE, run.exit(), all);
        assertFalse(all.contains("\tat ") || all.contains("Exception") || all.contains("OutOfMemoryError"), all);
        assertEquals(1, run.errorLines().stream().filter(l -> l.startsWith("voronka: ")).count(), all);
        return run.errorLines().get(run.errorLines().size() - 1);
    }

    @Test
    void aLoadThatWillNotFitIsRefusedBeforeReadingWithTheHeapItNeeds(@TempDir Path dir) throws Exception {
        Run run = queryInSmallHeap(dir, "analyzed");
        String line = tooLargeLine(run);
        assertTrue(line.matches("voronka: the sources hold about 3,0\\d\\d,\\d{3} rows \\(events ~3,0\\d\\d,\\d{3}\\),"
                + " which need about 1\\d\\d MB of heap to load; the Java heap has \\d+ MB free of \\d+ MB: start Java"
                + " with -Xmx\\d+m or more \\(e.g. JAVA_TOOL_OPTIONS=\"-Xmx\\d+m\"\\)"), line);
        assertFalse(run.errorLines().stream().anyMatch(l -> l.contains("rows") && l.startsWith("  events:")),
                "refused before reading a row");
    }

    @Test
    void runningOutOfMemoryWithoutStatisticsIsOneLineNamingTheHeap(@TempDir Path dir) throws Exception {
        String line = tooLargeLine(queryInSmallHeap(dir, "unknown_size"));
        assertTrue(line.matches("voronka: loading ran out of memory: the Java heap of \\d+ MB cannot hold the"
                + " sources; the row counts were unknown before loading \\(a table never ANALYZEd\\?\\); start Java"
                + " with a larger heap, e.g. -Xmx\\d+m"), line);
    }
}
