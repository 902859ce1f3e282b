package io.voronka.engine.load.postgres;

import io.voronka.engine.config.DatabaseConfig;
import io.voronka.engine.load.LoadException;
import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The configured PostgreSQL database: one connection, opened on first use and shared by the dictionary, the table
 * sources and the costs of a load; {@link #close()} closes it if it was opened.
 */
public final class PgDatabase implements AutoCloseable {
    private final DatabaseConfig config;
    private Connection connection;

    /** {@code config} may be null when nothing needs the database (the config reader checks that). */
    public PgDatabase(DatabaseConfig config) {
        this.config = config;
    }

    /** The shared connection, opened now if needed. */
    public Connection connection() {
        if (connection == null) {
            if (config == null) {
                throw new LoadException("reading a table needs the 'database' section");
            }
            connection = connect(config);
        }
        return connection;
    }

    @Override
    public void close() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // the data is read; a failing close changes nothing for the store
        }
        connection = null;
    }

    /** Opens a connection; failure is a one-line {@link LoadException} naming host and port, not a stack trace. */
    public static Connection connect(DatabaseConfig db) {
        Properties props = new Properties();
        if (!db.user().isEmpty()) {
            props.setProperty("user", db.user());
        }
        if (!db.password().isEmpty()) {
            props.setProperty("password", db.password());
        }
        props.setProperty("connectTimeout", "10");
        props.setProperty("ApplicationName", "voronka-loader");
        try {
            return DriverManager.getConnection(db.url(), props);
        } catch (SQLException e) {
            throw new LoadException(connectionProblem(db, e));
        }
    }

    private static String connectionProblem(DatabaseConfig db, SQLException e) {
        Properties parsed = Driver.parseURL(db.url(), null);
        String where = parsed == null ? db.url()
                : parsed.getProperty("PGHOST", "localhost") + ":" + parsed.getProperty("PGPORT", "5432") + " (database "
                + parsed.getProperty("PGDBNAME", "?") + ")";
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String reason = root == e ? firstLine(e) : root.getClass().getSimpleName() + ": " + root.getMessage();
        if (state.startsWith("28")) {
            return "PostgreSQL at " + where + " refused user '" + db.user() + "': " + firstLine(e);
        }
        if (state.equals("3D000")) {
            return "PostgreSQL at " + where + ": " + firstLine(e);
        }
        return "cannot connect to PostgreSQL at " + where + ": " + reason;
    }

    /** The first line of a driver message, without PostgreSQL's {@code ERROR: } prefix. */
    static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.startsWith("ERROR: ") ? line.substring(7) : line;
    }

    /** A column name as a quoted SQL identifier. */
    static String quoteIdent(String column) {
        return '"' + column.replace("\"", "\"\"") + '"';
    }
}
