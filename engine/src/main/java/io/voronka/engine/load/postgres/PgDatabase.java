package io.voronka.engine.load.postgres;

import io.voronka.engine.config.DatabaseConfig;
import io.voronka.engine.load.LoadException;
import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * The configured PostgreSQL database as one load sees it: one connection, opened on first use and shared by the
 * dictionary, the table sources and the costs, inside one {@code REPEATABLE READ, READ ONLY} transaction, so every
 * table is read in the same snapshot. {@link #lock} takes {@code ACCESS SHARE} locks on the tables before the
 * snapshot is taken (a {@code LOCK} takes none): a TRUNCATE + INSERT running in another session is waited for
 * (at most {@code lock_timeout}) and then seen whole, and one that starts later waits for the load, because
 * TRUNCATE is not MVCC-safe. {@link #close()} ends the transaction and closes the connection.
 */
public final class PgDatabase implements AutoCloseable {
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String QUERY_CANCELED = "57014";

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
            connection = snapshotConnection(config);
        }
        return connection;
    }

    /**
     * Locks a table in {@code ACCESS SHARE} mode (the mode a SELECT takes) until the load ends; call it for every
     * table before reading any. {@code label} starts the messages ({@code source 'events'}): a missing table, or
     * one another session keeps locked past {@code lock_timeout}, is a one-line {@link LoadException} naming it.
     */
    public void lock(String label, String table) {
        try (Statement st = connection().createStatement()) {
            st.execute("LOCK TABLE " + table + " IN ACCESS SHARE MODE");
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                throw new LoadException(label + ": table '" + table + "' does not exist", e);
            }
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw new LoadException(label + ": table '" + table + "' is locked by another session (a TRUNCATE,"
                        + " ALTER or VACUUM FULL running?); waited database.lock_timeout = "
                        + seconds(config.lockTimeout()) + " for it", e);
            }
            throw new LoadException(label + ": cannot lock table '" + table + "' for reading: " + firstLine(e), e);
        }
    }

    /** What went wrong in a statement of the load, in one line; a timeout is named by its setting. */
    String problem(Exception failure) {
        Throwable t = failure;
        while (!(t instanceof SQLException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (!(t instanceof SQLException e)) {
            return firstLine(failure);
        }
        if (QUERY_CANCELED.equals(e.getSQLState()) && !config.statementTimeout().isZero()) {
            return "it ran longer than database.statement_timeout = " + seconds(config.statementTimeout());
        }
        if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
            return "a table it reads is locked by another session; waited database.lock_timeout = "
                    + seconds(config.lockTimeout());
        }
        return firstLine(e);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** A connection whose next statements run in one repeatable-read, read-only transaction with the timeouts. */
    private static Connection snapshotConnection(DatabaseConfig config) {
        Connection c = connect(config);
        try (Statement st = c.createStatement()) {
            st.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            st.execute("SET lock_timeout = " + config.lockTimeout().toMillis());
            st.execute("SET statement_timeout = " + config.statementTimeout().toMillis());
            c.setAutoCommit(false);
            return c;
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the first failure is the one to report
            }
            throw new LoadException("cannot start a read-only snapshot on PostgreSQL: " + firstLine(e), e);
        }
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
