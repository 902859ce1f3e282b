package io.voronka.engine.snapshot;

/**
 * How far a source has been read: the greatest value of its {@code watermark} column among rows loaded so far
 * (an id, or a time as microseconds since 1970-01-01T00:00Z), {@link #NONE} before any row.
 */
public record Watermark(String source, String column, long value) {
    public static final long NONE = Long.MIN_VALUE;

    public boolean isKnown() {
        return value != NONE;
    }
}
