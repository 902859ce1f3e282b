package io.voronka.engine.config;

/** Where table sources live. User and password may be empty (then the URL or the server's auth decides). */
public record DatabaseConfig(String url, String user, String password) {
    public DatabaseConfig {
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "DatabaseConfig[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***") + "]";
    }
}
