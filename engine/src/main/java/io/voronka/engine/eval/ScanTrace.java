package io.voronka.engine.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * What a query's scans did, for {@code explain}: per segment the access chosen and why, how many users were
 * tested against the index, visited by the kernel, and how many events those users hold; plus time spent planning
 * and scanning. {@link #OFF} records nothing (the normal case). Filled by several tasks at once.
 */
public final class ScanTrace {
    /** Records nothing. */
    public static final ScanTrace OFF = new ScanTrace(false);

    /** One segment's figures. */
    public record SegmentScan(int segment, Access access, String reason, int users, long tested, long visited,
                              long events, long eventsVisited) {
    }

    private final boolean on;
    private final List<SegmentScan> segments = new ArrayList<>();
    private long planNanos;
    private long scanNanos;

    private ScanTrace(boolean on) {
        this.on = on;
    }

    public static ScanTrace recording() {
        return new ScanTrace(true);
    }

    public boolean on() {
        return on;
    }

    synchronized void segment(int segment, Access access, String reason, int users, long events) {
        if (on) {
            segments.add(new SegmentScan(segment, access, reason, users, 0, 0, events, 0));
        }
    }

    /** Adds one task's counts to segment {@code segment}'s figures. */
    synchronized void counted(int segment, long tested, long visited, long eventsVisited) {
        if (!on) {
            return;
        }
        for (int i = 0; i < segments.size(); i++) {
            SegmentScan s = segments.get(i);
            if (s.segment() == segment) {
                segments.set(i, new SegmentScan(s.segment(), s.access(), s.reason(), s.users(), s.tested() + tested,
                        s.visited() + visited, s.events(), s.eventsVisited() + eventsVisited));
                return;
            }
        }
    }

    synchronized void phases(long planNanos, long scanNanos) {
        this.planNanos += planNanos;
        this.scanNanos += scanNanos;
    }

    public synchronized List<SegmentScan> segments() {
        return List.copyOf(segments);
    }

    public synchronized long planNanos() {
        return planNanos;
    }

    public synchronized long scanNanos() {
        return scanNanos;
    }
}
