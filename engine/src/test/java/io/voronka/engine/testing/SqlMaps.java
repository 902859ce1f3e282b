package io.voronka.engine.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/** Runs a two-column query (key, number) in a test schema and returns it as a sorted map. */
public final class SqlMaps {
    private SqlMaps() {
    }

    public static Map<String, Double> query(PgTestDatabase db, String sql) throws SQLException {
        Map<String, Double> out = new TreeMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getDouble(2));
            }
        }
        return out;
    }
}
