package io.voronka.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code voronka demo} keeps the generated data as a snapshot: the first start generates and writes it, the second
 * reopens it and answers exactly as the generated store did; another event count is regenerated, not served.
 */
class DemoSnapshotTest {
    private static final long EVENTS = 20_000;
    private static final List<String> QUERIES = List.of("3 > 4|13 > 7 > pay within 14d",
            "3 > 4|13 > 7 > pay within 14d by utm_source", "users per day", "sum of pay per week",
            "retention of 3 return pay per month 6");

    @Test
    void aSecondDemoStartsFromTheFirstOnesSnapshot(@TempDir Path dir) throws Exception {
        Run first = start(EVENTS, dir);
        assertTrue(first.log.contains("no demo snapshot in " + dir + " yet"), first.log);
        assertTrue(first.log.contains("generated the demo CRM"), first.log);
        assertTrue(first.log.contains("demo snapshot written to"), first.log);
        assertTrue(Files.isDirectory(dir) && snapshots(dir) == 1, "one snapshot folder in " + dir);
        assertTrue(Files.exists(dir.resolve(DemoSnapshot.MARKER)), "the folder is marked as the demo's");

        Run second = start(EVENTS, dir);
        assertTrue(second.log.contains("reopened the demo snapshot in " + dir), second.log);
        assertFalse(second.log.contains("generated the demo CRM"), second.log);
        assertEquals(first.answers, second.answers, "the reopened demo answers as the generated one");

        // another size in the same folder: that snapshot is not served but replaced
        Run other = start(EVENTS / 2, dir);
        assertTrue(other.log.contains("demo snapshot not used"), other.log);
        assertTrue(other.log.contains("generated the demo CRM"), other.log);
        Run again = start(EVENTS / 2, dir);
        assertTrue(again.log.contains("reopened the demo snapshot"), again.log);
        assertEquals(other.answers, again.answers);
    }

    @Test
    void aFolderWithSnapshotsThatAreNotTheDemosIsRefused(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("snapshot-0000000001"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = VoronkaCli.run(System.out, e, "demo", "--events", "1000", "--storage", dir.toString());
            assertEquals(2, code);
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("holds snapshots that are not the demo's"),
                    err.toString(StandardCharsets.UTF_8));
        }
        assertTrue(Files.isDirectory(dir.resolve("snapshot-0000000001")), "left as it was");
    }

    @Test
    void storageAndInMemoryExcludeEachOther(@TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = VoronkaCli.run(System.out, e, "demo", "--in-memory", "--storage", dir.toString());
            assertEquals(2, code);
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("at most one of --storage DIR and --in-memory"),
                    err.toString(StandardCharsets.UTF_8));
        }
    }

    private record Run(String log, List<String> answers) {
    }

    /** One demo start without a web server: its progress lines and its answers; waits for its snapshot write. */
    private static Run start(long events, Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> answers;
        try (PrintStream progress = new PrintStream(out, true, StandardCharsets.UTF_8);
             VoronkaApp app = VoronkaApp.demo(events, null, s -> s.withPort(0), progress, dir)) {
            answers = QUERIES.stream().map(q -> ResultText.of(app.query(q))).toList();
            app.demoSnapshot().get(5, TimeUnit.MINUTES);
        }
        assertNotNull(answers);
        return new Run(out.toString(StandardCharsets.UTF_8), answers);
    }

    private static long snapshots(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("snapshot-")).count();
        }
    }
}
