package io.voronka.engine.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A throw-away schema in the test PostgreSQL (system property {@code voronka.test.pg}, set by the build),
 * so test classes running at the same time never see each other's tables. Close it to drop the schema.
 */
public final class PgTestDatabase implements AutoCloseable {
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/voronka_test?user=postgres&password=postgres";

    private final String baseUrl;
    private final String schema;

    private PgTestDatabase(String baseUrl, String schema) {
        this.baseUrl = baseUrl;
        this.schema = schema;
    }

    /** Creates a fresh schema named after {@code prefix} plus a random suffix. */
    public static PgTestDatabase create(String prefix) throws SQLException {
        String base = System.getProperty("voronka.test.pg", DEFAULT_URL);
        String schema = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10))
                .toLowerCase();
        try (Connection c = DriverManager.getConnection(base); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        return new PgTestDatabase(base, schema);
    }

    public String schema() {
        return schema;
    }

    /** A JDBC URL whose connections see this schema first ({@code currentSchema}). */
    public String url() {
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url());
    }

    /** Runs SQL statements in this schema. */
    public void execute(String... sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(baseUrl); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
