package io.voronka.engine.load.postgres;

import io.voronka.engine.load.LoadException;
import io.voronka.engine.load.SourceColumns;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The columns of a table as PostgreSQL describes them, and the configured ones checked against their roles. */
final class PgColumns {
    private final String label;
    private final SourceColumns columns;

    /** A configured column found in the table: its name quoted for SQL, and its decoder. */
    record Column(String quoted, PgColumnType type) {
    }

    private PgColumns(String label, SourceColumns columns) {
        this.label = label;
        this.columns = columns;
    }

    /** {@code SELECT * FROM table LIMIT 0}: a missing table is a one-line error naming it. */
    static PgColumns describe(Connection connection, String label, String table) {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table + " LIMIT 0")) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> names = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                names.add(meta.getColumnName(c));
                types.add(meta.getColumnTypeName(c));
            }
            return new PgColumns(label, new SourceColumns(label, "table " + table, names, types));
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                throw new LoadException(label + ": table '" + table + "' does not exist", e);
            }
            throw new LoadException(label + ": cannot read table '" + table + "': " + PgDatabase.firstLine(e), e);
        }
    }

    /** Resolves a configured column and checks its type against {@code allowed}. */
    Column checked(String column, String role, Set<PgColumnType> allowed) {
        int index = columns.resolve(column, role);
        PgColumnType type = PgColumnType.of(columns.typeName(index));
        if (!allowed.contains(type)) {
            throw new LoadException(label + ": " + role + " column '" + columns.name(index) + "' has type "
                    + columns.typeName(index) + "; expected " + allowed.stream().map(t -> t.description)
                    .collect(Collectors.joining(", ")));
        }
        return new Column(PgDatabase.quoteIdent(columns.name(index)), type);
    }
}
