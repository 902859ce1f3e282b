package io.voronka.engine.load;

import io.voronka.engine.config.SourceConfig;
import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;

import java.util.Locale;

/**
 * The heap a load needs, estimated from row counts before reading (a table's {@code pg_class.reltuples}, a CSV
 * file's size), against the heap the JVM has left; and the one-line answer when it will not fit or ran out.
 *
 * <p>Bytes held per row at the peak (the end of the build), from {@code StoreBuilder}'s arrays:
 * <pre>
 *   row columns     user 4 + type 2 + time 4 + source 1        11
 *   build           permutation 4 + packed (time, type) key 8   12
 *   store columns   type 2 + time 4                              6
 *   user keys       ~40 per user at one user per 5 rows          8
 *                                                               --
 *                                                               37
 *   a value column  row 8 + store 8 + source row index 4        +20
 *   a dimension     row 4 + store 4 (+ source row index 4)       +8
 * </pre>
 */
public final class HeapBudget {
    static final long ROW_BYTES = 11 + 12 + 6 + 8;
    static final long VALUE_BYTES = 20;
    static final long DIMENSION_BYTES = 8;

    private HeapBudget() {
    }

    /** Estimated heap for {@code rows} rows of {@code source}. */
    public static long bytesFor(SourceConfig source, long rows) {
        long perRow = ROW_BYTES + (source.value() == null ? 0 : VALUE_BYTES)
                + DIMENSION_BYTES * source.dimensions().size() + (source.dimensions().isEmpty() ? 0 : 4);
        return Math.max(0, rows) * perRow;
    }

    /**
     * Fails with {@link ErrorKind#TOO_LARGE} when {@code needed} bytes do not fit the heap left.
     *
     * @param what the rows, for the message ({@code "about 12,000,000 rows (events ~10,000,000, ...)"})
     */
    public static void check(long needed, String what) {
        Runtime rt = Runtime.getRuntime();
        if (needed <= free(rt)) {
            return;
        }
        System.gc(); // what looked used may be garbage: measure again before refusing
        long free = free(rt);
        if (needed <= free) {
            return;
        }
        long used = rt.maxMemory() - free;
        throw new VoronkaException(ErrorKind.TOO_LARGE, "the sources hold " + what + ", which need about "
                + bytes(needed) + " of heap to load; the Java heap has " + bytes(free) + " free of " + bytes(rt.maxMemory())
                + ": start Java with " + suggestedXmx(used + needed) + " or more (e.g. JAVA_TOOL_OPTIONS=\""
                + suggestedXmx(used + needed) + "\")");
    }

    /** The one-line answer to an {@link OutOfMemoryError} during a load of about {@code rows} rows. */
    public static VoronkaException outOfMemory(long estimatedRows, long estimatedBytes) {
        long max = Runtime.getRuntime().maxMemory();
        String estimate = estimatedRows <= 0 ? "the row counts were unknown before loading (a table never ANALYZEd?)"
                : String.format(Locale.ROOT, "the estimate before loading was about %,d rows needing %s (stale"
                + " statistics? run ANALYZE)", estimatedRows, bytes(estimatedBytes));
        return new VoronkaException(ErrorKind.TOO_LARGE, "loading ran out of memory: the Java heap of " + bytes(max)
                + " cannot hold the sources; " + estimate + "; start Java with a larger heap, e.g. "
                + suggestedXmx(Math.max(2 * max, max + estimatedBytes)));
    }

    /** A size for people: {@code 512 MB}, {@code 1.5 GB}. */
    public static String bytes(long bytes) {
        if (bytes < 1L << 20) {
            return String.format(Locale.ROOT, "%d KB", Math.max(1, bytes >> 10));
        }
        if (bytes < 1L << 30) {
            return String.format(Locale.ROOT, "%d MB", bytes >> 20);
        }
        return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
    }

    /** An -Xmx option a quarter above {@code bytes}, rounded up to 256 MB below 4 GB, else to whole GB. */
    static String suggestedXmx(long bytes) {
        long want = bytes + bytes / 4;
        long mb = (want + (1L << 20) - 1) >> 20;
        if (mb < 4096) {
            return "-Xmx" + ((mb + 255) / 256 * 256) + "m";
        }
        return "-Xmx" + ((mb + 1023) / 1024) + "g";
    }

    private static long free(Runtime rt) {
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }
}
