package io.voronka.engine.testing;

import io.voronka.engine.demo.DemoCallCentre;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.StringReader;
import java.sql.Connection;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes the demo call centre into a test schema: {@code calls(id, client, at, operator, operator_group, department,
 * zodiac, product, status, duration)} (id in generation order) and {@code sales(client, at, product, amount)}, with
 * local wall-clock {@code timestamp}s as the store reads them.
 */
public final class CallCentreInPostgres {
    private CallCentreInPostgres() {
    }

    public static void write(PgTestDatabase db, DemoCallCentre centre) throws Exception {
        db.execute("CREATE TABLE calls (id int, client bigint, at timestamp, operator text, operator_group text,"
                        + " department text, zodiac text, product text, status text, duration int)",
                "CREATE TABLE sales (client bigint, at timestamp, product text, amount float8)");
        StringBuilder calls = new StringBuilder();
        StringBuilder sales = new StringBuilder();
        int[] id = {0};
        centre.generate(new DemoCallCentre.Sink() {
            @Override
            public void call(long client, long localSecond, String operator, String group, String department,
                             String zodiac, String product, String status, int duration) {
                calls.append(id[0]++).append('\t').append(client).append('\t').append(time(localSecond)).append('\t')
                        .append(operator).append('\t').append(group).append('\t').append(department).append('\t')
                        .append(zodiac).append('\t').append(product).append('\t').append(status).append('\t')
                        .append(duration).append('\n');
            }

            @Override
            public void sale(long client, long localSecond, String product, double amount) {
                sales.append(client).append('\t').append(time(localSecond)).append('\t').append(product).append('\t')
                        .append(amount).append('\n');
            }
        });
        try (Connection c = db.connect()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY calls FROM STDIN", new StringReader(calls.toString()));
            copy.copyIn("COPY sales FROM STDIN", new StringReader(sales.toString()));
        }
    }

    private static String time(long localSecond) {
        return LocalDateTime.ofEpochSecond(localSecond, 0, ZoneOffset.UTC).toString().replace('T', ' ');
    }
}
