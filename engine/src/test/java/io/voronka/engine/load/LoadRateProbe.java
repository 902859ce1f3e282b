package io.voronka.engine.load;

import io.voronka.engine.config.DatabaseConfig;
import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.loader.StoreLoader;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.testing.PgTestDatabase;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;

/**
 * Measures, by hand and outside the test suite, how fast a table of {@code rows} events (bigint user, int event,
 * timestamp) loads: psql's own binary COPY to /dev/null, the raw transfer through PgJDBC (pull via
 * PGCopyInputStream vs push via CopyManager.copyOut), and Voronka's end-to-end load (COPY + parse + build on
 * 2 threads). Run:
 * <pre>
 * mvn -q -pl engine test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -Xmx4g -cp engine/target/classes:engine/target/test-classes:$(cat /tmp/cp.txt) \
 *      io.voronka.engine.load.LoadRateProbe [rows]
 * </pre>
 */
public final class LoadRateProbe {
    private LoadRateProbe() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        try (PgTestDatabase db = PgTestDatabase.create("probe")) {
            long t = System.nanoTime();
            db.execute("CREATE TABLE ev (event_id int, _user_id bigint, happened_at timestamp)",
                    "INSERT INTO ev SELECT (g % 17)::int, (g * 7919) % 1000003,"
                            + " timestamp '2024-01-01' + ((g * 104729) % 31536000) * interval '1 second'"
                            + " FROM generate_series(1::bigint, " + rows + ") g",
                    "VACUUM ANALYZE ev");
            System.out.printf("generated %,d rows in %.1f s%n", rows, seconds(t));
            String select = "SELECT _user_id, happened_at, event_id FROM " + db.schema() + ".ev";
            for (int round = 1; round <= 2; round++) {
                System.out.printf("-- round %d%n", round);
                double psql = psql(select);
                System.out.printf("psql \\copy binary to /dev/null: %.2f s, %,.0f rows/s%n", psql, rows / psql);
                double pull = pull(db, select, rows);
                System.out.printf("PgJDBC PGCopyInputStream, bytes only: %.2f s, %,.0f rows/s%n", pull, rows / pull);
                double push = push(db, select);
                System.out.printf("PgJDBC CopyManager.copyOut, bytes only: %.2f s, %,.0f rows/s%n", push, rows / push);
                voronka(db, rows, psql);
            }
        }
    }

    private static void voronka(PgTestDatabase db, long rows, double psql) {
        VoronkaConfig config = VoronkaConfig.parse("""
                timezone: Europe/Moscow
                database: { url: "jdbc:postgresql://replaced/db" }
                sources: [ { name: ev, table: ev, user: _user_id, time: happened_at, type: { column: event_id } } ]
                """, Path.of("probe.yaml"), name -> null).withDatabase(new DatabaseConfig(db.url(), "", ""));
        System.gc();
        long t = System.nanoTime();
        EventStore store = new StoreLoader(config, 2, LoadProgress.NONE).load();
        double total = seconds(t);
        double read = store.report().get(0).seconds();
        System.out.printf("Voronka: COPY+parse %.2f s (%,.0f rows/s), build %.2f s, end-to-end %.2f s (%,.0f rows/s),"
                        + " %.2fx psql's time; %s; %,d users, %.2f bytes/event%n",
                read, rows / read, total - read, total, rows / total, total / psql, store.report().get(0).summary(),
                store.userCount(), (double) store.columnBytes() / store.eventCount());
    }

    private static double psql(String select) throws IOException, InterruptedException {
        long t = System.nanoTime();
        Process p = new ProcessBuilder("psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", "voronka_test", "-c",
                "\\copy (" + select + ") TO '/dev/null' (FORMAT binary)").inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("psql failed with exit code " + p.exitValue());
        }
        return seconds(t);
    }

    private static double pull(PgTestDatabase db, String select, long rows) throws Exception {
        try (Connection c = db.connect()) {
            long t = System.nanoTime();
            byte[] buf = new byte[1 << 20];
            long bytes = 0;
            try (InputStream in = new PGCopyInputStream(c.unwrap(PGConnection.class),
                    "COPY (" + select + ") TO STDOUT (FORMAT binary)")) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    bytes += n;
                }
            }
            double s = seconds(t);
            System.out.printf("  (%,d bytes, %.1f bytes/row on the wire)%n", bytes, (double) bytes / rows);
            return s;
        }
    }

    private static double push(PgTestDatabase db, String select) throws Exception {
        try (Connection c = db.connect()) {
            long t = System.nanoTime();
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + select + ") TO STDOUT (FORMAT binary)",
                    OutputStream.nullOutputStream());
            return seconds(t);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
