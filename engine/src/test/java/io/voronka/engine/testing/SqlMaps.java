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

    /** The same keys, and each value within {@code relative} of the expected one (absolute below magnitude 1). */
    public static void assertClose(Map<String, Double> expected, Map<String, Double> actual, double relative) {
        org.junit.jupiter.api.Assertions.assertEquals(expected.keySet(), actual.keySet());
        for (String k : expected.keySet()) {
            org.junit.jupiter.api.Assertions.assertEquals(expected.get(k), actual.get(k),
                    relative * Math.max(1, Math.abs(expected.get(k))), k);
        }
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
