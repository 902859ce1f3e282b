package io.voronka.engine.config;

import java.time.Duration;

/**
 * Where table sources live. User and password may be empty (then the URL or the server's auth decides).
 *
 * @param lockTimeout      how long a load waits for a table another session holds locked (TRUNCATE, ALTER);
 *                         zero waits forever
 * @param statementTimeout how long one statement of a load (the COPY of a source) may run; zero is no limit
 */
public record DatabaseConfig(String url, String user, String password, Duration lockTimeout,
                             Duration statementTimeout) {
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(30);

    public DatabaseConfig {
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        lockTimeout = lockTimeout == null ? DEFAULT_LOCK_TIMEOUT : lockTimeout;
        statementTimeout = statementTimeout == null ? Duration.ZERO : statementTimeout;
    }

    /** With the default timeouts. */
    public DatabaseConfig(String url, String user, String password) {
        this(url, user, password, null, null);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "DatabaseConfig[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***")
                + ", lockTimeout=" + lockTimeout + ", statementTimeout=" + statementTimeout + "]";
    }
}
