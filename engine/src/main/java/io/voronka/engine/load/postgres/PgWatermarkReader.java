package io.voronka.engine.load.postgres;

import io.voronka.engine.config.LateRows;
import io.voronka.engine.config.SourceConfig;
import io.voronka.engine.config.SourceLocation;
import io.voronka.engine.load.LoadException;
import io.voronka.engine.load.RowSink;
import io.voronka.engine.load.SourceReader;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;

/**
 * Reads the rows of a table source that lie past its watermark: first the column's greatest value now
 * ({@code SELECT max(col)}), then one {@code COPY (SELECT … WHERE col > last - late_rows AND col <= max)} through
 * {@link PgTableReader}. Rows committed while it reads, past that max, are left for the next refresh, so no row is
 * read twice except in the overlap, where the duplicate rule drops what the store already has. With no previous
 * watermark (a full load) it reads every row up to the max.
 */
public final class PgWatermarkReader implements SourceReader {
    private final PgDatabase database;
    private final Connection connection;
    private final SourceLocation.Table table;
    private final String previousValue;
    private final String previousType;
    private String value;
    private String type;

    /** @param previousValue the watermark read before (as PostgreSQL wrote it), or null to read every row */
    public PgWatermarkReader(PgDatabase database, SourceLocation.Table table, String previousValue,
                             String previousType) {
        this.database = database;
        this.connection = database.connection();
        this.table = table;
        this.previousValue = previousValue;
        this.previousType = previousType;
        this.value = previousValue;
        this.type = previousType;
    }

    /** The watermark after {@link #read}: the greatest value read (or the previous one when nothing was new). */
    public String value() {
        return value;
    }

    /** The watermark column's type as PostgreSQL names it, null while no row was ever read. */
    public String type() {
        return type;
    }

    /** A full read (no previous watermark) reads the whole table: the planner's row count; a refresh: unknown. */
    @Override
    public long estimatedRows() {
        return previousValue == null ? new PgTableReader(database, table).estimatedRows() : -1;
    }

    @Override
    public void read(SourceConfig source, RowSink sink) {
        PgColumns columns = PgColumns.describe(connection, source.label(), table.name());
        PgColumns.Column column = columns.checked(source.watermark(), "watermark", EnumSet.of(PgColumnType.INTEGER,
                PgColumnType.NUMERIC, PgColumnType.TIMESTAMP, PgColumnType.TIMESTAMPTZ, PgColumnType.DATE));
        String col = column.quoted();
        String filter = table.filter() == null ? "" : " WHERE (" + table.filter() + ")";
        String max;
        String maxType;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT max(" + col
                + ")::text, pg_typeof(max(" + col + "))::text FROM " + table.name() + filter)) {
            rs.next();
            max = rs.getString(1);
            maxType = rs.getString(2);
        } catch (SQLException e) {
            throw new LoadException(source.label() + ": watermark column '" + source.watermark() + "' of table '"
                    + table.name() + "' cannot be read: " + PgDatabase.firstLine(e), e);
        }
        if (max == null) {
            return;
        }
        StringBuilder window = new StringBuilder();
        if (table.filter() != null) {
            window.append('(').append(table.filter()).append(") AND ");
        }
        if (previousValue != null) {
            window.append(col).append(" > ").append(literal(previousValue, previousType)).append(overlap(source,
                    column.type())).append(" AND ");
        }
        window.append(col).append(" <= ").append(literal(max, maxType));
        new PgTableReader(database, new SourceLocation.Table(table.name(), window.toString())).read(source, sink);
        value = max;
        type = maxType;
    }

    private static String overlap(SourceConfig source, PgColumnType type) {
        LateRows late = source.lateRows();
        if (late.isNone()) {
            return "";
        }
        boolean timeColumn = type == PgColumnType.TIMESTAMP || type == PgColumnType.TIMESTAMPTZ
                || type == PgColumnType.DATE;
        if (timeColumn != late.isDuration()) {
            throw new LoadException(source.label() + ": 'late_rows' for " + (timeColumn ? "a time" : "an id")
                    + " watermark must be " + (timeColumn ? "a duration such as 10m" : "a number of ids such as 1000"));
        }
        return timeColumn ? " - interval '" + late.duration().getSeconds() + " seconds'" : " - " + late.ids();
    }

    /** A value PostgreSQL wrote as text, back as a typed SQL literal. */
    private static String literal(String text, String sqlType) {
        return "CAST('" + text.replace("'", "''") + "' AS " + sqlType + ")";
    }
}
