package io.voronka.engine.eval;

import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Times;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** A date range resolved to stored seconds {@code [from, to)} in the store's time zone. */
public record TimeRange(int from, int to) {
    /** Everything the int representation can hold. */
    public static final TimeRange ALL = new TimeRange(Integer.MIN_VALUE, Integer.MAX_VALUE);

    /**
     * Resolves a query's range. {@code today} is the day relative ranges end on; null means the last day
     * present in the store.
     */
    public static TimeRange resolve(DateRange range, EventStore store, LocalDate today) {
        ZoneId zone = store.zone();
        if (range instanceof DateRange.All) {
            return ALL;
        }
        if (range instanceof DateRange.Between between) {
            return new TimeRange(startOf(between.from(), zone), startOf(between.toInclusive().plusDays(1), zone));
        }
        DateRange.LastDays last = (DateRange.LastDays) range;
        LocalDate end = today != null ? today : lastDay(store);
        return new TimeRange(startOf(end.minusDays(last.days() - 1L), zone), startOf(end.plusDays(1), zone));
    }

    /** The local date of the store's latest event ("today" for relative ranges). */
    public static LocalDate lastDay(EventStore store) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(Times.toEpochSecond(store.maxTime())), store.zone());
    }

    private static int startOf(LocalDate day, ZoneId zone) {
        long epoch = day.atStartOfDay(zone).toEpochSecond();
        if (!Times.fits(epoch)) {
            throw VoronkaException.user("date " + day + " is outside the supported years 1932..2068");
        }
        return Times.toStored(epoch);
    }

    /** This range clipped to the store's data, for listing buckets; null when they do not overlap. */
    public TimeRange clippedTo(EventStore store) {
        int lo = Math.max(from, store.minTime());
        long hi = Math.min((long) to, (long) store.maxTime() + 1);
        return lo < hi ? new TimeRange(lo, (int) hi) : null;
    }
}
