package io.voronka.engine.demo;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

/**
 * Writes the demo CRM into PostgreSQL tables of the seed schema with streamed {@code COPY … FROM STDIN}:
 * {@code events}, {@code events_dict}, {@code payments} (gifts included, as in the real data) and daily
 * marketing {@code costs} per ad source. Events and payments are generated twice (one COPY each); the
 * generator is deterministic, so both passes see the same journeys.
 */
public final class DemoDatabase {
    private static final int FLUSH_BYTES = 1 << 20;

    private DemoDatabase() {
    }

    /** Creates (replacing) the tables in {@code schema} and fills them; returns the rows written to events+payments. */
    public static long write(Connection connection, String schema, DemoCrm crm) throws SQLException {
        String s = quote(schema);
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + s);
            st.execute("DROP TABLE IF EXISTS " + s + ".events, " + s + ".events_dict, " + s + ".payments, " + s
                    + ".costs");
            st.execute("CREATE TABLE " + s + ".events (event_id int, _user_id bigint, happened_at timestamp,"
                    + " utm_source text, device text, operator_group text)");
            st.execute("CREATE TABLE " + s + ".events_dict (id int PRIMARY KEY, name text, name_en text)");
            st.execute("CREATE TABLE " + s + ".payments (transaction_created_at timestamp, transaction_id bigint,"
                    + " currency text, _user_id bigint, amount numeric(12,2), is_gift boolean, product text)");
            st.execute("CREATE TABLE " + s + ".costs (source text, dt date, amount numeric(12,2))");
        }
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        try (RowWriter w = new RowWriter(copy.copyIn("COPY " + s + ".events_dict FROM STDIN"))) {
            for (DemoEvent e : DemoEvent.values()) {
                w.field(Integer.toString(e.id())).field(e.russianName()).last(e.alias());
            }
        }
        DemoCosts costs = new DemoCosts();
        long rows;
        try (RowWriter w = new RowWriter(copy.copyIn("COPY " + s + ".events FROM STDIN"))) {
            rows = crm.generate(new DemoSink() {
                @Override
                public void event(long user, int eventId, long localSecond, String utm, String device, String group) {
                    w.field(Integer.toString(eventId)).field(Long.toString(user)).field(w.time(localSecond))
                            .field(utm).field(device).last(group);
                    if (utm != null) {
                        costs.request(utm, localSecond);
                    }
                }

                @Override
                public void payment(long user, long transaction, long localSecond, String currency, long kopecks,
                                    boolean gift, String product) {
                }
            });
        }
        try (RowWriter w = new RowWriter(copy.copyIn("COPY " + s + ".payments FROM STDIN"))) {
            crm.generate(new DemoSink() {
                @Override
                public void event(long user, int eventId, long localSecond, String utm, String device, String group) {
                }

                @Override
                public void payment(long user, long transaction, long localSecond, String currency, long kopecks,
                                    boolean gift, String product) {
                    w.field(w.time(localSecond)).field(Long.toString(transaction)).field(currency)
                            .field(Long.toString(user)).field(amount(kopecks)).field(gift ? "t" : "f").last(product);
                }
            });
        }
        try (RowWriter w = new RowWriter(copy.copyIn("COPY " + s + ".costs FROM STDIN"))) {
            costs.forEach((source, epochDay, kopecks) -> w.field(source).field(LocalDate.ofEpochDay(epochDay).toString())
                    .last(amount(kopecks)));
        }
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE INDEX ON " + s + ".events (_user_id, happened_at)");
            st.execute("CREATE INDEX ON " + s + ".payments (_user_id, transaction_created_at)");
            st.execute("ANALYZE " + s + ".events");
            st.execute("ANALYZE " + s + ".payments");
        }
        return rows;
    }

    static String amount(long kopecks) {
        return kopecks / 100 + "." + String.format("%02d", kopecks % 100);
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Text-format COPY rows into a buffer flushed every megabyte; null fields become \N. */
    private static final class RowWriter implements AutoCloseable {
        private final CopyIn in;
        private final StringBuilder row = new StringBuilder(256);
        private byte[] buffer = new byte[FLUSH_BYTES + 4096];
        private int size;
        private long cachedDay = Long.MIN_VALUE;
        private String cachedDate;

        RowWriter(CopyIn in) {
            this.in = in;
        }

        RowWriter field(String value) {
            append(value);
            row.append('\t');
            return this;
        }

        void last(String value) {
            append(value);
            row.append('\n');
            byte[] bytes = row.toString().getBytes(StandardCharsets.UTF_8);
            row.setLength(0);
            if (size + bytes.length > buffer.length) {
                flush();
                if (bytes.length > buffer.length) {
                    buffer = new byte[bytes.length];
                }
            }
            System.arraycopy(bytes, 0, buffer, size, bytes.length);
            size += bytes.length;
            if (size >= FLUSH_BYTES) {
                flush();
            }
        }

        private void append(String value) {
            if (value == null) {
                row.append("\\N");
                return;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                    row.append('\\').append(c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : '\\');
                } else {
                    row.append(c);
                }
            }
        }

        /** yyyy-MM-dd HH:mm:ss of a local second. */
        String time(long localSecond) {
            long day = Math.floorDiv(localSecond, 86_400L);
            if (day != cachedDay) {
                cachedDay = day;
                cachedDate = LocalDate.ofEpochDay(day).toString();
            }
            int s = (int) (localSecond - day * 86_400L);
            char[] hms = {' ', digit(s / 36000), digit(s / 3600 % 10), ':', digit(s / 600 % 6), digit(s / 60 % 10), ':',
                    digit(s % 60 / 10), digit(s % 10)};
            return cachedDate.concat(new String(hms));
        }

        private static char digit(int d) {
            return (char) ('0' + d);
        }

        private void flush() {
            if (size == 0) {
                return;
            }
            try {
                in.writeToCopy(buffer, 0, size);
            } catch (SQLException e) {
                throw new IllegalStateException("COPY into PostgreSQL failed: " + e.getMessage(), e);
            }
            size = 0;
        }

        @Override
        public void close() {
            try {
                flush();
                in.endCopy();
            } catch (SQLException e) {
                throw new IllegalStateException("COPY into PostgreSQL failed: " + e.getMessage(), e);
            } finally {
                if (in.isActive()) {
                    try {
                        in.cancelCopy();
                    } catch (SQLException ignored) {
                        // the original failure is what matters
                    }
                }
            }
        }
    }
}
