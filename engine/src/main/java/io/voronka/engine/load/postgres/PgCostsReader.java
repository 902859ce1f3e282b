package io.voronka.engine.load.postgres;

import io.voronka.engine.config.CostsConfig;
import io.voronka.engine.config.SourceLocation;
import io.voronka.engine.load.CostRows;
import io.voronka.engine.load.CostsReader;
import io.voronka.engine.load.LoadException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reads marketing spend from a table: {@code group::text, time::date, value::float8} of every row matching the
 * filter (the table is small: a row per source per day).
 */
public final class PgCostsReader implements CostsReader {
    private final Connection connection;
    private final SourceLocation.Table table;

    public PgCostsReader(Connection connection, SourceLocation.Table table) {
        this.connection = connection;
        this.table = table;
    }

    @Override
    public void read(CostsConfig costs, CostRows rows) {
        String sql = "SELECT (" + PgDatabase.quoteIdent(costs.group()) + ")::text, ("
                + PgDatabase.quoteIdent(costs.time()) + ")::date, (" + PgDatabase.quoteIdent(costs.value())
                + ")::float8 FROM " + table.name() + (table.filter() == null ? "" : " WHERE (" + table.filter() + ")");
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String group = rs.getString(1);
                java.sql.Date day = rs.getDate(2);
                double amount = rs.getDouble(3);
                if (group == null || day == null || rs.wasNull()) {
                    continue;
                }
                rows.add(group, day.toLocalDate().toEpochDay(), amount);
            }
        } catch (SQLException e) {
            throw new LoadException("costs: reading table '" + table.name() + "' failed: " + PgDatabase.firstLine(e), e);
        }
    }
}
