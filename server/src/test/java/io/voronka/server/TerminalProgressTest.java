package io.voronka.server;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TerminalProgressTest {
    @Test
    void lineShowsRateShareAndTimeLeftWhenTheRowCountIsKnown() {
        assertEquals("  events: 500,000 rows, 250,000 rows/s, 50%, about 2 s left",
                TerminalProgress.line("events", 500_000, 1_000_000, 2.0));
        assertEquals("  events: 500,000 rows, 250,000 rows/s", TerminalProgress.line("events", 500_000, 0, 2.0));
        assertEquals("  events: 10 rows", TerminalProgress.line("events", 10, 1_000, 0.1));
    }

    @Test
    void logsGetNoLinePerBatch() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TerminalProgress progress = new TerminalProgress(new PrintStream(out, true, StandardCharsets.UTF_8), false);
        progress.expected("events", 1_000_000);
        progress.rows("events", 262_144);
        progress.endLine();
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }
}
