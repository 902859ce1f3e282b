package io.voronka.bench;

import io.voronka.engine.testing.PgTestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The side-by-side harness at 100k events: every peer available here (ClickHouse when installed) answers every
 * question and agrees with Voronka.
 */
@Tag("postgres")
@Tag("clickhouse")
class SideBySideSmokeTest {
    @Test
    void everyPeerAgreesWithVoronkaOnEveryQuestion() throws Exception {
        String base = System.getProperty("voronka.test.pg", PgTestDatabase.DEFAULT_URL);
        try (PgTestDatabase db = PgTestDatabase.create("bench_smoke")) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            SideBySide.Outcome outcome;
            try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
                outcome = SideBySide.run(base, db.schema(), 100_000, 2, false, out);
            }
            String report = buffer.toString(StandardCharsets.UTF_8);
            assertTrue(outcome.disagreements().isEmpty(), report);
            int peers = ClickHousePeer.binary() == null ? 3 : 4;
            assertEquals(peers, outcome.nanos().size(), "Voronka, PostgreSQL, DuckDB (and ClickHouse where installed)"
                    + " ran: " + report);
            for (var perPeer : outcome.nanos().values()) {
                assertEquals(Question.values().length, perPeer.size());
            }
            assertTrue(report.contains("all systems agree"), report);
            assertTrue(outcome.events() > 90_000);
            assertTrue(outcome.bytesPerEvent() < 16, "bytes per event " + outcome.bytesPerEvent());
        }
    }
}
