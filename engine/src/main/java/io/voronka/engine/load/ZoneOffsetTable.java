package io.voronka.engine.load;

import io.voronka.engine.store.Times;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;

/**
 * Converts wall-clock seconds in one zone ({@code timestamp without time zone}, CSV times) to epoch seconds
 * without java.time per row: the zone's offset transitions over the store's time range are precomputed
 * into two arrays and the last hit is remembered (rows mostly come in time order).
 *
 * <p>Local times in a gap (spring forward) or an overlap (fall back) take the offset before the transition,
 * as {@link java.time.LocalDateTime#atZone} does. Not thread-safe (the remembered hit): one per reading thread.
 */
public final class ZoneOffsetTable {
    /** boundary[i]: first local second that takes offset[i + 1]; offset[0] applies before boundary[0]. */
    private final long[] boundary;
    private final int[] offset;
    private int last;

    public ZoneOffsetTable(ZoneId zone) {
        ZoneRules rules = zone.getRules();
        long from = Times.MIN_EPOCH_SECOND - 86_400L * 366;
        long to = Times.MAX_EPOCH_SECOND + 86_400L * 366;
        long[] bounds = new long[16];
        int[] offsets = new int[17];
        offsets[0] = rules.getOffset(Instant.ofEpochSecond(from)).getTotalSeconds();
        int n = 0;
        ZoneOffsetTransition t = rules.nextTransition(Instant.ofEpochSecond(from));
        while (t != null && t.getInstant().getEpochSecond() <= to) {
            if (n == bounds.length) {
                bounds = Arrays.copyOf(bounds, n * 2);
                offsets = Arrays.copyOf(offsets, n * 2 + 1);
            }
            int before = t.getOffsetBefore().getTotalSeconds();
            int after = t.getOffsetAfter().getTotalSeconds();
            bounds[n] = t.getInstant().getEpochSecond() + Math.max(before, after);
            offsets[n + 1] = after;
            n++;
            t = rules.nextTransition(t.getInstant());
        }
        this.boundary = Arrays.copyOf(bounds, n);
        this.offset = Arrays.copyOf(offsets, n + 1);
    }

    /** Epoch second of a local wall-clock second (seconds since 1970-01-01T00:00 local). */
    public long epochSecond(long localSecond) {
        return localSecond - offsetAt(localSecond);
    }

    /** UTC offset in seconds that applies to a local wall-clock second. */
    public int offsetAt(long localSecond) {
        final long[] b = boundary;
        int k = last;
        if ((k == 0 || b[k - 1] <= localSecond) && (k == b.length || localSecond < b[k])) {
            return offset[k];
        }
        int i = Arrays.binarySearch(b, localSecond);
        k = i >= 0 ? i + 1 : -i - 1;
        last = k;
        return offset[k];
    }
}
