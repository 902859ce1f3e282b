package io.voronka.engine.snapshot;

/**
 * How far a source with a {@code watermark} column has been read, and what its last read brought.
 *
 * @param value     the greatest value of the column among rows read so far, as PostgreSQL writes it
 *                  ({@code 1234}, {@code 2026-11-30 09:15:00+00}); null before any row
 * @param sqlType   the column's type as PostgreSQL names it ({@code bigint}, {@code timestamp with time zone}),
 *                  to compare against the value in the next refresh's condition; null before any row
 * @param rowsRead  rows the last load or refresh read from this source (the overlap included)
 * @param rowsAdded events the last load or refresh added (rows read minus duplicates and skipped rows)
 */
public record Watermark(String source, String column, String sqlType, String value, long rowsRead, long rowsAdded) {
    public boolean isKnown() {
        return value != null;
    }
}
