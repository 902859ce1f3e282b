package io.voronka.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/** A SQL engine reached over JDBC, answering with the SQL kept in {@code sql/<dialect>/}. */
public final class SqlPeer implements Peer {
    private final String name;
    private final String dialect;
    private final Connection connection;
    private final long events;
    private final String semantics;

    /** Runs the dialect's {@code prepare.sql} (a narrow indexed event table, built once, like Voronka's load). */
    public SqlPeer(String name, String dialect, Connection connection, String semantics) throws SQLException {
        this.name = name;
        this.dialect = dialect;
        this.connection = connection;
        this.semantics = semantics;
        try (Statement st = connection.createStatement()) {
            String script = sql("prepare").lines().filter(line -> !line.strip().startsWith("--"))
                    .reduce("", (a, b) -> a + b + "\n");
            for (String statement : script.split(";")) {
                if (!statement.isBlank()) {
                    st.execute(statement);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM ev")) {
                rs.next();
                this.events = rs.getLong(1);
            }
        }
    }

    String sql(String file) {
        String path = "/sql/" + dialect + "/" + file + ".sql";
        try (InputStream in = SqlPeer.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long events() {
        return events;
    }

    @Override
    public String semantics() {
        return semantics;
    }

    @Override
    public Map<String, Double> answer(Question question) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery(question.sql(sql(question.sqlFile())))) {
            return Answers.of(rs);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
