package io.voronka.engine.exec;

import io.voronka.engine.eval.Access;
import io.voronka.engine.eval.ScanTrace.SegmentScan;
import io.voronka.engine.result.QueryResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A query's answer with how it was computed ({@code explain}): per segment the access the planner chose and why,
 * users tested against the index and visited by the kernel, events held by the visited users; time spent planning
 * (choosing access, starting tasks), scanning, and in all (the rest is assembling the answer).
 */
public record Explanation(QueryResult result, int users, long events, List<SegmentScan> segments, long planNanos,
                          long scanNanos, long totalNanos) {
    public Explanation {
        segments = List.copyOf(segments);
    }

    public long usersVisited() {
        return segments.stream().mapToLong(SegmentScan::visited).sum();
    }

    public long eventsVisited() {
        return segments.stream().mapToLong(SegmentScan::eventsVisited).sum();
    }

    /** The plan in a few lines of text, for the CLI and the HTTP API's {@code text} field. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (SegmentScan s : segments) {
            lines.add(String.format(Locale.ROOT, "segment %d: %s (%s)", s.segment(), name(s.access()), s.reason()));
            lines.add(String.format(Locale.ROOT, "  users: %,d in segment, %,d tested, %,d visited; events: %,d in"
                    + " segment, %,d in visited users", s.users(), s.tested(), s.visited(), s.events(),
                    s.eventsVisited()));
        }
        lines.add(String.format(Locale.ROOT, "visited %,d of %,d users (%.1f%%), %,d of %,d events (%.1f%%)",
                usersVisited(), users, percent(usersVisited(), users), eventsVisited(), events,
                percent(eventsVisited(), events)));
        lines.add(String.format(Locale.ROOT, "time: plan %.2f ms, scan %.2f ms, answer %.2f ms, total %.2f ms",
                planNanos / 1e6, scanNanos / 1e6, Math.max(0, totalNanos - planNanos - scanNanos) / 1e6,
                totalNanos / 1e6));
        return lines;
    }

    /** The access as it is written in explain output: scan, type-mask, time-index. */
    public static String name(Access access) {
        return access.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
