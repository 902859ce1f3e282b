package io.voronka.engine.store;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Events of all sources, grouped by user and time-sorted within each user, in one or more {@link Segment}s.
 * Immutable once built; safe to read from many threads.
 */
public final class EventStore {
    private final List<Segment> segments;
    private final EventTypes types;
    private final UserKeys users;
    private final List<Dimension> dimensions;
    private final ZoneId zone;
    private final List<SourceReport> report;
    private final long eventCount;
    private final int minTime;
    private final int maxTime;
    private final CostTable costs;
    private final UserPredicate selection;

    EventStore(List<Segment> segments, EventTypes types, UserKeys users, List<Dimension> dimensions,
               ZoneId zone, List<SourceReport> report, int minTime, int maxTime, CostTable costs) {
        this(segments, types, users, dimensions, zone, report, minTime, maxTime, costs, UserPredicate.ALL);
    }

    private EventStore(List<Segment> segments, EventTypes types, UserKeys users, List<Dimension> dimensions,
                       ZoneId zone, List<SourceReport> report, int minTime, int maxTime, CostTable costs,
                       UserPredicate selection) {
        this.costs = costs;
        this.selection = selection;
        this.segments = List.copyOf(segments);
        this.types = types;
        this.users = users;
        this.dimensions = List.copyOf(dimensions);
        this.zone = zone;
        this.report = List.copyOf(report);
        long events = 0;
        for (Segment s : segments) {
            events += s.eventCount();
        }
        this.eventCount = events;
        this.minTime = minTime;
        this.maxTime = maxTime;
    }

    /** A store from parts that were built before, e.g. read back from a snapshot. */
    public static EventStore assemble(List<Segment> segments, EventTypes types, UserKeys users,
                                      List<Dimension> dimensions, ZoneId zone, List<SourceReport> report,
                                      int minTime, int maxTime, CostTable costs) {
        return new EventStore(segments, types, users.frozen(), dimensions, zone, report, minTime, maxTime, costs);
    }

    /** The same events with marketing spend beside them (for CAC and ROMI). */
    public EventStore withCosts(CostTable table) {
        return new EventStore(segments, types, users, dimensions, zone, report, minTime, maxTime, table, selection);
    }

    /**
     * The same store as queries see it when only the users passing {@code predicate} exist (a user filter):
     * {@link io.voronka.engine.eval.UserScan} skips the others. Shares every column; costs in {@link #withCosts}.
     */
    public EventStore restrictedTo(UserPredicate predicate) {
        return new EventStore(segments, types, users, dimensions, zone, report, minTime, maxTime, costs, predicate);
    }

    /** The users queries see, {@link UserPredicate#ALL} unless {@link #restrictedTo} narrowed them. */
    public UserPredicate selection() {
        return selection;
    }

    /**
     * The same events reporting another time span: a part of a larger store (one user partition of a Spark job)
     * answers with the whole store's calendar buckets and "last day" when given the whole store's span. The users
     * seen stay the same ({@link #selection}).
     */
    public EventStore withTimeSpan(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("time span must have min <= max, was " + min + " > " + max);
        }
        return new EventStore(segments, types, users, dimensions, zone, report, min, max, costs, selection);
    }

    /**
     * A sample shaped like this data: every n-th user of the first segment, n chosen for about {@code events} events,
     * copied into a store of their own over the same dictionaries, time span and costs. What the JIT warm-up after a
     * reopen runs on (dsl's {@code Warmup}). Its users are numbered anew: its answers are not answers about this
     * store, and its user ids are not this store's.
     */
    public EventStore sample(long events) {
        if (segments.isEmpty() || events < 1) {
            return this;
        }
        Segment first = segments.get(0);
        int step = (int) Math.max(1, Math.min(first.userCount(), first.eventCount() / events));
        return new EventStore(List.of(first.everyNth(step)), types, users, dimensions, zone, report, minTime,
                maxTime, costs, UserPredicate.ALL);
    }

    /** Marketing spend, {@link CostTable#EMPTY} when none was loaded. */
    public CostTable costs() {
        return costs;
    }

    public List<Segment> segments() {
        return segments;
    }

    public EventTypes types() {
        return types;
    }

    public UserKeys users() {
        return users;
    }

    public int userCount() {
        return users.size();
    }

    public long eventCount() {
        return eventCount;
    }

    public List<Dimension> dimensions() {
        return dimensions;
    }

    /** Index of a dimension by name (case-insensitive), if any source declares it. */
    public Optional<Integer> dimensionIndex(String name) {
        for (int d = 0; d < dimensions.size(); d++) {
            if (dimensions.get(d).name().equalsIgnoreCase(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The time zone of calendar buckets (day, week, month, weekday, hour). */
    public ZoneId zone() {
        return zone;
    }

    public List<SourceReport> report() {
        return report;
    }

    /** Earliest event time (stored seconds), or 0 for an empty store. */
    public int minTime() {
        return minTime;
    }

    /** Latest event time (stored seconds), or 0 for an empty store. */
    public int maxTime() {
        return maxTime;
    }

    /** Bytes of the event columns and offsets (what grows with events), without the key dictionaries. */
    public long columnBytes() {
        long bytes = 0;
        for (Segment s : segments) {
            bytes += s.bytes();
        }
        return bytes;
    }

    /** Bytes of the per-user summaries ({@link SegmentIndex}) of all segments: what indexes add to the columns. */
    public long indexBytes() {
        long bytes = 0;
        for (Segment s : segments) {
            bytes += s.index().bytes();
        }
        return bytes;
    }

    /**
     * Thread seconds spent building the indexes of this store's segments (part of the load time, reported apart):
     * at a load, a refresh (segments it rebuilt; shared ones keep their figure) or a reopen from a snapshot.
     */
    public double indexSeconds() {
        long nanos = 0;
        for (Segment s : segments) {
            nanos += s.index().buildNanos();
        }
        return nanos / 1e9;
    }

    /** Approximate resident bytes in all: columns, indexes and user-key dictionary. */
    public long residentBytes() {
        return columnBytes() + indexBytes() + users.approximateBytes();
    }
}
