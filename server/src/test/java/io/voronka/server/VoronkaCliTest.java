package io.voronka.server;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VoronkaCliTest {
    /** Runs the CLI in-process; returns exit code, stdout and stderr. */
    private static String[] run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            int code = VoronkaCli.run(o, e, args);
            return new String[]{Integer.toString(code), out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void demoNamesThePageAddressBeforeAnythingElse() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream progress = new PrintStream(out, true, StandardCharsets.UTF_8);
             VoronkaApp app = VoronkaApp.demo(5_000, null, s -> s.withPort(8123).withHost("0.0.0.0"), progress)) {
            String first = out.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
            assertTrue(first.contains("http://127.0.0.1:8123/"), "a browser reaches a server on 0.0.0.0 at loopback: "
                    + first);
            assertTrue(app.query("3 > 7") instanceof io.voronka.engine.result.FunnelResult, "the app serves the demo");
        }
    }

    @Test
    void queryPrintsAReadableTable() {
        String[] r = run("query", "--demo", "--events", "60000", "3 > 4|13 > 7 > pay");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("Создание заявки") && r[1].contains("from first"), r[1]);
        assertTrue(r[1].lines().count() == 6, "header, rule and four steps:\n" + r[1]);
    }

    @Test
    void jsonOutputHasTheDocumentedShape() {
        String[] r = run("query", "--demo", "--events", "60000", "--json", "users of 3 per week");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("\"kind\" : \"series\"") && r[1].contains("\"buckets\""), r[1]);
    }

    @Test
    void badQueryIsOneReadableErrorAndExitCode2() {
        String[] r = run("query", "--demo", "--events", "60000", "3 >> 4");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("voronka: 1:4: unexpected"), r[2]);
        assertTrue(r[2].contains("^"), "the caret line: " + r[2]);
        assertFalse(r[2].contains("\tat "), "no stack trace: " + r[2]);
    }

    @Test
    void missingConfigFileIsAOneLineConfigurationErrorWithExitCode4() {
        String[] r = run("query", "--config", "/nonexistent/voronka.yaml", "3 > 4");
        assertEquals("4", r[0]);
        assertTrue(r[2].contains("/nonexistent/voronka.yaml"), r[2]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
    }
}
