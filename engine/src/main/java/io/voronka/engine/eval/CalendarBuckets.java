package io.voronka.engine.eval;

import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.store.Times;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Calendar buckets of stored times (seconds since {@link Times#EPOCH}) in one time zone, numbered 0..count-1
 * over a range, without java.time per event: the zone's offset changes over the range are precomputed, and
 * local days, weeks (ISO, starting Monday), months and hours follow by arithmetic.
 *
 * <p>Labels: hour {@code 2021-03-07 14:00}, day {@code 2021-03-07}, week its Monday {@code 2021-03-01},
 * month {@code 2021-03}, weekday {@code Mon}…{@code Sun}, hour of day {@code 00}…{@code 23}, total
 * {@code total}. Immutable; safe to share between threads.
 */
public final class CalendarBuckets {
    /** The most buckets one query may ask for. */
    public static final int MAX_BUCKETS = 20_000;
    private static final int SECONDS_PER_DAY = 86_400;

    private final Bucket bucket;
    private final ZoneId zone;
    /** Stored second from which offsets[i + 1] applies; offsets[0] before changeAt[0]. */
    private final int[] changeAt;
    private final int[] offsets;
    private final long firstDay;
    private final int[] monthOfDay;
    private final long first;
    private final int count;

    /** Buckets covering stored times {@code [from, to)}; {@code from < to}. */
    public CalendarBuckets(ZoneId zone, Bucket bucket, int from, int to) {
        if (to <= from) {
            throw new IllegalArgumentException("empty time range for buckets: " + from + " >= " + to);
        }
        this.bucket = bucket;
        this.zone = zone;
        ZoneRules rules = zone.getRules();
        long fromEpoch = Times.toEpochSecond(from) - SECONDS_PER_DAY;
        long toEpoch = Times.toEpochSecond(to - 1) + SECONDS_PER_DAY;
        int[] change = new int[8];
        int[] offset = new int[9];
        offset[0] = rules.getOffset(Instant.ofEpochSecond(fromEpoch)).getTotalSeconds();
        int n = 0;
        ZoneOffsetTransition t = rules.nextTransition(Instant.ofEpochSecond(fromEpoch));
        while (t != null && t.getInstant().getEpochSecond() <= toEpoch) {
            if (n == change.length) {
                change = Arrays.copyOf(change, n * 2);
                offset = Arrays.copyOf(offset, n * 2 + 1);
            }
            long at = t.getInstant().getEpochSecond();
            change[n] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, at - Times.EPOCH));
            offset[n + 1] = t.getOffsetAfter().getTotalSeconds();
            n++;
            t = rules.nextTransition(t.getInstant());
        }
        this.changeAt = Arrays.copyOf(change, n);
        this.offsets = Arrays.copyOf(offset, n + 1);
        long firstLocal = localSecond(from);
        long lastLocal = localSecond(to - 1);
        this.firstDay = Math.floorDiv(firstLocal, SECONDS_PER_DAY);
        long lastDay = Math.floorDiv(lastLocal, SECONDS_PER_DAY);
        this.monthOfDay = bucket == Bucket.MONTH ? monthTable(firstDay, lastDay) : null;
        switch (bucket) {
            case TOTAL -> {
                first = 0;
                count = 1;
            }
            case HOUR -> {
                first = Math.floorDiv(firstLocal, 3600);
                count = checked(Math.floorDiv(lastLocal, 3600) - first + 1);
            }
            case DAY -> {
                first = firstDay;
                count = checked(lastDay - firstDay + 1);
            }
            case WEEK -> {
                first = week(firstDay);
                count = checked(week(lastDay) - first + 1);
            }
            case MONTH -> {
                first = 0;
                count = monthOfDay[monthOfDay.length - 1] + 1;
            }
            case WEEKDAY -> {
                first = 0;
                count = 7;
            }
            case HOUR_OF_DAY -> {
                first = 0;
                count = 24;
            }
            default -> throw new IllegalArgumentException("unknown bucket " + bucket);
        }
    }

    private int checked(long buckets) {
        if (buckets > MAX_BUCKETS) {
            throw VoronkaException.user("the range has " + buckets + " " + bucket.name().toLowerCase(Locale.ROOT)
                    + " buckets, more than the limit of " + MAX_BUCKETS + ": narrow the range or use a coarser bucket");
        }
        return (int) buckets;
    }

    private static int[] monthTable(long firstDay, long lastDay) {
        int days = (int) (lastDay - firstDay + 1);
        int[] table = new int[days];
        LocalDate start = LocalDate.ofEpochDay(firstDay);
        int month = 0;
        int current = start.getMonthValue();
        for (int d = 0; d < days; d++) {
            int m = LocalDate.ofEpochDay(firstDay + d).getMonthValue();
            if (m != current) {
                current = m;
                month++;
            }
            table[d] = month;
        }
        return table;
    }

    /** Monday-based week number of an epoch day (1970-01-01 was a Thursday). */
    private static long week(long epochDay) {
        return Math.floorDiv(epochDay + 3, 7);
    }

    public Bucket bucket() {
        return bucket;
    }

    public int count() {
        return count;
    }

    /** Local wall-clock seconds since 1970-01-01T00:00 of a stored time. */
    public long localSecond(int stored) {
        int[] c = changeAt;
        int i = 0;
        // few changes per range (two a year at most): a linear scan beats a binary search
        while (i < c.length && stored >= c[i]) {
            i++;
        }
        return Times.toEpochSecond(stored) + offsets[i];
    }

    /** The bucket of a stored time, or -1 when it falls outside the range the buckets cover. */
    public int bucketOf(int stored) {
        long local = localSecond(stored);
        long b;
        switch (bucket) {
            case TOTAL:
                return 0;
            case HOUR:
                b = Math.floorDiv(local, 3600) - first;
                break;
            case DAY:
                b = Math.floorDiv(local, SECONDS_PER_DAY) - first;
                break;
            case WEEK:
                b = week(Math.floorDiv(local, SECONDS_PER_DAY)) - first;
                break;
            case MONTH: {
                long day = Math.floorDiv(local, SECONDS_PER_DAY) - firstDay;
                return day < 0 || day >= monthOfDay.length ? -1 : monthOfDay[(int) day];
            }
            case WEEKDAY:
                return Math.floorMod(Math.floorDiv(local, SECONDS_PER_DAY) + 3, 7);
            case HOUR_OF_DAY:
                return Math.floorMod(local, SECONDS_PER_DAY) / 3600;
            default:
                throw new IllegalStateException("unknown bucket " + bucket);
        }
        return b < 0 || b >= count ? -1 : (int) b;
    }

    public String label(int index) {
        switch (bucket) {
            case TOTAL:
                return "total";
            case HOUR: {
                long hour = first + index;
                LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(hour, 24));
                return day + String.format(" %02d:00", Math.floorMod(hour, 24));
            }
            case DAY:
                return LocalDate.ofEpochDay(first + index).toString();
            case WEEK:
                return LocalDate.ofEpochDay((first + index) * 7 - 3).toString();
            case MONTH: {
                LocalDate start = LocalDate.ofEpochDay(firstDay).withDayOfMonth(1).plusMonths(index);
                return String.format("%04d-%02d", start.getYear(), start.getMonthValue());
            }
            case WEEKDAY:
                return DayOfWeek.of(index + 1).getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case HOUR_OF_DAY:
                return String.format("%02d", index);
            default:
                throw new IllegalStateException("unknown bucket " + bucket);
        }
    }

    public List<String> labels() {
        List<String> labels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            labels.add(label(i));
        }
        return labels;
    }

    public ZoneId zone() {
        return zone;
    }
}
