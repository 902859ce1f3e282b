package io.voronka.engine.load;

import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.load.csv.TimeTextParser;
import io.voronka.engine.loader.StoreLoader;
import io.voronka.engine.store.CostTable;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.SkipReason;
import io.voronka.engine.store.SourceReport;
import io.voronka.engine.store.Times;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvLoaderTest {
    /** The shared data folder: -Dvoronka.data, else shared/data beside the repository (as CI lays it out). */
    private static final Path DATA = dataDir();

    private static Path dataDir() {
        String configured = System.getProperty("voronka.data");
        if (configured != null) {
            return Path.of(configured);
        }
        Path beside = Path.of("..", "..", "shared", "data");
        return java.nio.file.Files.isDirectory(beside) ? beside : Path.of("/work/shared/data");
    }

    @Test
    void afishaOrdersLoadThroughTheShippedConfig() {
        VoronkaConfig config = VoronkaConfig.parse(read(Path.of("../config/afisha.yaml")), Path.of("../config/afisha.yaml"),
                name -> name.equals("VORONKA_DATA") ? DATA.toString() : null);
        EventStore store = new StoreLoader(config, 2, LoadProgress.NONE).load();
        assertEquals(50_415, store.eventCount());
        assertEquals(36_523, store.userCount());
        SourceReport orders = store.report().get(0);
        assertEquals(50_415, orders.read());
        assertEquals(0, orders.dropped(SkipReason.DUPLICATE));
        BigDecimal revenue = BigDecimal.ZERO;
        for (Segment s : store.segments()) {
            for (int e = 0; e < s.eventCount(); e++) {
                revenue = revenue.add(BigDecimal.valueOf(s.values().get(e, 0)));
            }
        }
        assertEquals(new BigDecimal("252057.20"), revenue.setScale(2, RoundingMode.HALF_EVEN));
        assertEquals(LocalDateTime.of(2017, 6, 1, 0, 10).atZone(ZoneId.of("Europe/Moscow")).toEpochSecond(),
                Times.toEpochSecond(store.minTime()));
        assertTrue(store.users().find("10329302124590727494") >= 0, "a Uid past 2^63 is a user");
    }

    @Test
    void quotedFieldsNullsTimeFormatsAndIntegerTypes(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("calls.csv"), "\uFEFFuser,at,event,operator\r\n"
                + "7,2024-03-01 10:00:00.250,4,\"Smith, \"\"J\"\"\"\r\n"
                + "7,2024-03-01T07:00:00Z,4,\"Smith, \"\"J\"\"\"\r\n"      // same instant, same row: a duplicate
                + "8,2024-03-02,first-line,\"multi\nline\"\n"
                + ",2024-03-02,4,x\n"
                + "9,,4,x\n"
                + "abc,2024-03-02 01:00,4,x\n"
                + "10,2024-03-02 01:00+05:00,,x\n");
        VoronkaConfig config = VoronkaConfig.parse("""
                timezone: Europe/Moscow
                sources: [ { name: calls, file: calls.csv, user: user, time: at, type: { column: event },
                             dimensions: [operator] } ]
                """, dir.resolve("voronka.yaml"), name -> null);
        EventStore store = new StoreLoader(config, 1, LoadProgress.NONE).load();
        SourceReport calls = store.report().get(0);
        assertEquals(7, calls.read());
        assertEquals(2, calls.kept());
        assertEquals(1, calls.dropped(SkipReason.DUPLICATE));
        assertEquals(1, calls.dropped(SkipReason.NULL_USER));
        assertEquals(1, calls.dropped(SkipReason.NULL_TIME));
        assertEquals(1, calls.dropped(SkipReason.NULL_TYPE));
        assertEquals(1, calls.dropped(SkipReason.BAD_USER_KEY));
        ZoneId moscow = ZoneId.of("Europe/Moscow");
        assertEquals(List.of(
                new StoreRows("7", "4", LocalDateTime.of(2024, 3, 1, 10, 0).atZone(moscow).toEpochSecond(), null,
                        List.of("Smith, \"J\"")),
                new StoreRows("8", "first-line", LocalDateTime.of(2024, 3, 2, 0, 0).atZone(moscow).toEpochSecond(), null,
                        List.of("multi\nline"))), StoreRows.of(store));
    }

    @Test
    void badTimeAndMissingColumnNameSourceLineAndColumn(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("o.csv"), "Uid,Buy Ts\n1,2024-03-01 10:00:00\n2,01.03.2024\n");
        LoadException badTime = assertThrows(LoadException.class, () -> new StoreLoader(VoronkaConfig.parse("""
                sources: [ { name: o, file: o.csv, user: Uid, time: Buy Ts, type: { constant: order } } ]
                """, dir.resolve("v.yaml"), name -> null), 1, LoadProgress.NONE).load());
        assertEquals("source 'o': o.csv line 3: time '01.03.2024' is not " + TimeTextParser.FORMATS,
                badTime.getMessage());
        LoadException missing = assertThrows(LoadException.class, () -> new StoreLoader(VoronkaConfig.parse("""
                sources: [ { name: o, file: o.csv, user: Uid, time: Buy Ts, type: { constant: order }, value: Revenue } ]
                """, dir.resolve("v.yaml"), name -> null), 1, LoadProgress.NONE).load());
        assertEquals("source 'o': value column 'Revenue' does not exist in the header of o.csv (columns: Uid, Buy Ts)",
                missing.getMessage());
    }

    @Test
    void costsComeFromACsvFileOnTheirLocalDays(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("o.csv"), "uid,at,utm\n1,2024-03-01 10:00:00,ads\n");
        Files.writeString(dir.resolve("spend.csv"), "dt,source,amount\n"
                + "2024-03-01,ads,12.5\n"
                + "2024-03-02 00:00:00,mail,3\n"
                + ",ads,1\n"
                + "2024-03-03,ads,\n");
        EventStore store = new StoreLoader(VoronkaConfig.parse("""
                timezone: Europe/Moscow
                sources: [ { name: o, file: o.csv, user: uid, time: at, type: { constant: order }, dimensions: [utm] } ]
                costs: { file: spend.csv, time: dt, group: source, value: amount, dimension: utm }
                """, dir.resolve("v.yaml"), name -> null), 1, LoadProgress.NONE).load();
        CostTable costs = store.costs();
        assertEquals("utm", costs.dimension());
        assertEquals(2, costs.rows());
        ZoneId moscow = ZoneId.of("Europe/Moscow");
        assertEquals("ads", costs.group(0));
        assertEquals(LocalDateTime.of(2024, 3, 1, 0, 0).atZone(moscow).toEpochSecond(),
                Times.toEpochSecond(costs.time(0)));
        assertEquals(12.5, costs.amount(0));
        assertEquals("mail", costs.group(1));
        assertEquals(LocalDateTime.of(2024, 3, 2, 0, 0).atZone(moscow).toEpochSecond(),
                Times.toEpochSecond(costs.time(1)));
        assertEquals(3.0, costs.amount(1));
    }

    @Test
    void aBadCostDateNamesTheFileAndLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("o.csv"), "uid,at\n1,2024-03-01 10:00:00\n");
        Files.writeString(dir.resolve("spend.csv"), "dt,source,amount\n2024-03-01,ads,1\n01.03.2024,ads,2\n");
        LoadException e = assertThrows(LoadException.class, () -> new StoreLoader(VoronkaConfig.parse("""
                sources: [ { name: o, file: o.csv, user: uid, time: at, type: { constant: order } } ]
                costs: { file: spend.csv, time: dt, group: source, value: amount, dimension: utm }
                """, dir.resolve("v.yaml"), name -> null), 1, LoadProgress.NONE).load());
        assertEquals("costs: spend.csv line 3: time '01.03.2024' is not " + TimeTextParser.FORMATS, e.getMessage());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
