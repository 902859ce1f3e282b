package io.voronka.engine.metric;

import io.voronka.engine.eval.CalendarBuckets;
import io.voronka.engine.eval.Deadline;
import io.voronka.engine.eval.Evaluator;
import io.voronka.engine.eval.EventMatcher;
import io.voronka.engine.eval.Grouping;
import io.voronka.engine.eval.TimeRange;
import io.voronka.engine.eval.UserScan;
import io.voronka.engine.query.SessionMeasure;
import io.voronka.engine.query.SessionQuery;
import io.voronka.engine.result.Series;
import io.voronka.engine.result.SeriesResult;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.SparseIntColumn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Sessions ({@link SessionQuery}) per bucket of their first event: one pass over each user's events cuts the
 * matching ones at gaps longer than the query's; per (group, bucket) cell it counts sessions, their total length
 * and the distinct users (a per-task "last user" array, as for unique users).
 */
public final class SessionEvaluator implements Evaluator<SessionQuery> {
    private final UserScan scan;

    public SessionEvaluator(ForkJoinPool pool) {
        this.scan = new UserScan(pool);
    }

    @Override
    public SeriesResult evaluate(SessionQuery query, EventStore store, TimeRange range, Deadline deadline) {
        TimeRange shown = range.clippedTo(store);
        if (shown == null) {
            return new SeriesResult(query, List.of(), List.of());
        }
        CalendarBuckets buckets = new CalendarBuckets(store.zone(), query.bucket(), shown.from(), shown.to());
        EventMatcher matcher = new EventMatcher(store, query.events(), query.filters());
        Grouping grouping = Grouping.of(store, query.breakdown());
        int cells = grouping.count() * buckets.count();
        Tally total = scan.run(store, deadline, () -> new Tally(cells), (segment, from, to, tally) ->
                tally(segment, from, to, matcher, grouping, buckets, range, query.gapSeconds(), tally));
        List<Series> series = new ArrayList<>();
        int count = buckets.count();
        for (int g = 0; g < grouping.count(); g++) {
            List<Double> values = new ArrayList<>(count);
            List<Double> numerators = new ArrayList<>(count);
            List<Double> denominators = new ArrayList<>(count);
            boolean any = false;
            for (int b = 0; b < count; b++) {
                int cell = g * count + b;
                long sessions = total.sessions[cell];
                any |= sessions > 0;
                double numerator = query.measure() == SessionMeasure.AVERAGE_LENGTH ? total.seconds[cell] : sessions;
                double denominator = query.measure() == SessionMeasure.SESSIONS_PER_USER ? total.users[cell] : sessions;
                values.add(query.measure() == SessionMeasure.SESSIONS ? numerator : ratio(numerator, denominator));
                numerators.add(numerator);
                denominators.add(denominator);
            }
            if (!grouping.isBreakdown() || any) {
                boolean ratio = query.measure() != SessionMeasure.SESSIONS;
                series.add(new Series(grouping.name(g), values, List.of(), ratio ? numerators : List.of(),
                        ratio ? denominators : List.of()));
            }
        }
        return new SeriesResult(query, buckets.labels(), series);
    }

    /**
     * Sessions per user (sessions / users) and mean length (seconds / sessions) from their sides, which the series
     * keep so that results over disjoint users merge exactly; NaN when the denominator is 0.
     */
    public static double ratio(double numerator, double denominator) {
        return denominator == 0 ? Double.NaN : numerator / denominator;
    }

    private static void tally(Segment segment, int fromUser, int toUser, EventMatcher matcher, Grouping grouping,
                              CalendarBuckets buckets, TimeRange range, long gap, Tally tally) {
        final int[] offsets = segment.offsets();
        final int[] times = segment.times();
        final SparseIntColumn column = grouping.column(segment);
        final int count = buckets.count();
        for (int u = fromUser; u < toUser; u++) {
            final int user = segment.firstUser() + u;
            int start = -1;
            int last = 0;
            for (int p = offsets[u]; p < offsets[u + 1]; p++) {
                if (!matcher.matches(segment, p)) {
                    continue;
                }
                int t = times[p];
                if (start >= 0 && (long) t - last > gap) {
                    close(tally, start, last, times, grouping, column, buckets, range, count, user);
                    start = -1;
                }
                if (start < 0) {
                    start = p;
                }
                last = t;
            }
            if (start >= 0) {
                close(tally, start, last, times, grouping, column, buckets, range, count, user);
            }
        }
    }

    /** Counts the session that started at event {@code start} and whose last event was at {@code last}. */
    private static void close(Tally tally, int start, int last, int[] times, Grouping grouping, SparseIntColumn column,
                              CalendarBuckets buckets, TimeRange range, int count, int user) {
        int t = times[start];
        if (t < range.from() || t >= range.to()) {
            return;
        }
        int b = buckets.bucketOf(t);
        if (b < 0) {
            return;
        }
        int cell = grouping.groupOf(column, start) * count + b;
        tally.sessions[cell]++;
        tally.seconds[cell] += last - t;
        if (tally.lastUser[cell] != user) {
            tally.lastUser[cell] = user;
            tally.users[cell]++;
        }
    }

    /** Per-task sessions, their seconds and distinct users per cell. */
    private static final class Tally implements UserScan.Tally<Tally> {
        final long[] sessions;
        final long[] seconds;
        final long[] users;
        final int[] lastUser;

        Tally(int cells) {
            sessions = new long[cells];
            seconds = new long[cells];
            users = new long[cells];
            lastUser = new int[cells];
            Arrays.fill(lastUser, -1);
        }

        @Override
        public long bytes() {
            return (long) (sessions.length + seconds.length + users.length) * Long.BYTES
                    + (long) lastUser.length * Integer.BYTES;
        }

        @Override
        public void add(Tally other) {
            for (int i = 0; i < sessions.length; i++) {
                sessions[i] += other.sessions[i];
                seconds[i] += other.seconds[i];
                users[i] += other.users[i];
            }
        }
    }
}
