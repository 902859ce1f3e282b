package io.voronka.server;

import io.voronka.engine.load.LoadProgress;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Load progress for people: on a terminal one line, rewritten in place, with the source, rows read, rows/s, the share
 * done and the time left when the table's statistics tell the row count; in logs (no terminal) nothing per batch,
 * since each source ends with its one summary line anyway.
 */
final class TerminalProgress implements LoadProgress {
    private final PrintStream out;
    private final boolean terminal;
    private final Map<String, Long> expected = new HashMap<>();
    private final Map<String, Long> started = new HashMap<>();

    TerminalProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** For {@code out}: a terminal when the process has a console and {@code out} is the standard output or error. */
    static TerminalProgress of(PrintStream out) {
        return new TerminalProgress(out, System.console() != null && (out == System.out || out == System.err));
    }

    @Override
    public synchronized void expected(String source, long rows) {
        expected.put(source, rows);
    }

    @Override
    public synchronized void rows(String source, long rowsSoFar) {
        long now = System.nanoTime();
        long start = started.computeIfAbsent(source, s -> now);
        if (!terminal) {
            return;
        }
        out.print("\r" + line(source, rowsSoFar, expected.getOrDefault(source, 0L), (now - start) / 1e9) + "   ");
        out.flush();
    }

    /** {@code events: 4,194,304 rows, 812,000 rows/s, 43%, about 6 s left}. */
    static String line(String source, long rows, long expected, double seconds) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %s: %,d rows", source, rows));
        if (seconds > 0.5) {
            double rate = rows / seconds;
            sb.append(String.format(Locale.ROOT, ", %,.0f rows/s", rate));
            if (expected > rows) {
                sb.append(String.format(Locale.ROOT, ", %d%%, about %.0f s left", rows * 100 / expected,
                        (expected - rows) / rate));
            }
        }
        return sb.toString();
    }

    /** Ends the rewritten line before other output (a source's summary). */
    synchronized void endLine() {
        if (terminal && !started.isEmpty()) {
            out.println();
        }
        started.clear();
    }
}
