package io.voronka.engine.load;

import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.load.csv.TimeTextParser;
import io.voronka.engine.loader.StoreLoader;
import io.voronka.engine.store.CostTable;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.EventTypes;
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
                + "7,2024-03-01T07:00:00.25Z,4,\"Smith, \"\"J\"\"\"\r\n"   // same instant, same row: a duplicate
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
    void rowsApartByLessThanASecondAreNotDuplicatesAndAreKeptInWholeSeconds(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("e.csv"), "user,at,event\n"
                + "1,2024-03-01 10:00:00.1,3\n"
                + "1,2024-03-01 10:00:00.9,3\n"          // 0.8 s later: another event
                + "1,2024-03-01 10:00:00.100000,3\n"     // the first one again: a duplicate
                + "1,2024-03-01 10:00:00,3\n"            // 0.1 s earlier than the first: another event
                + "1,2024-03-01 10:00:00.1234567891,3\n" // nanoseconds count, further digits do not
                + "1,2024-03-01 10:00:00.1234567899,3\n");
        EventStore store = new StoreLoader(VoronkaConfig.parse("""
                sources: [ { name: e, file: e.csv, user: user, time: at, type: { column: event } } ]
                """, dir.resolve("v.yaml"), name -> null), 1, LoadProgress.NONE).load();
        SourceReport e = store.report().get(0);
        assertEquals(6, e.read());
        assertEquals(2, e.dropped(SkipReason.DUPLICATE));
        assertEquals(4, e.kept());
        long second = LocalDateTime.of(2024, 3, 1, 10, 0).atZone(ZoneId.of("UTC")).toEpochSecond();
        assertEquals(java.util.Collections.nCopies(4, new StoreRows("1", "3", second, null, List.of())),
                StoreRows.of(store));
    }

    private static EventStore load(Path dir) {
        return new StoreLoader(VoronkaConfig.parse("""
                sources: [ { name: e, file: e.csv, user: user, time: at, type: { column: event } } ]
                """, dir.resolve("v.yaml"), name -> null), 1, LoadProgress.NONE).load();
    }

    @Test
    void integerKeysWrittenWithAZeroFractionAreThatIntegerAndFractionsAreCounted(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("e.csv"), "user,at,event\n100,2024-03-01 10:00,3\n 100.00 ,2024-03-01 11:00,3\n"
                + "100.5,2024-03-01 12:00,3\nabc,2024-03-01 12:00,3\n");
        EventStore store = load(dir);
        assertEquals(1, store.userCount(), "100 and ' 100.00 ' are one user");
        assertEquals(2, store.eventCount());
        assertEquals(1, store.report().get(0).dropped(SkipReason.FRACTIONAL_USER_KEY));
        assertEquals(1, store.report().get(0).dropped(SkipReason.BAD_USER_KEY));
    }

    @Test
    void aCsvFileEstimatesItsRowsFromItsSizeBeforeReading(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("user,at,event\n");
        for (int i = 0; i < 50_000; i++) {
            csv.append(1_000_000 + i).append(",2024-03-01 10:00:00,").append(i % 10).append('\n');
        }
        Files.writeString(dir.resolve("e.csv"), csv);
        long estimate = new io.voronka.engine.load.csv.CsvFileReader(
                new io.voronka.engine.config.SourceLocation.CsvFile(dir.resolve("e.csv"))).estimatedRows();
        assertTrue(estimate > 49_000 && estimate < 51_000, "estimate " + estimate);
        assertEquals(-1, new io.voronka.engine.load.csv.CsvFileReader(
                new io.voronka.engine.config.SourceLocation.CsvFile(dir.resolve("missing.csv"))).estimatedRows());
    }

    @Test
    void anExcelExportWithAByteOrderMarkAndAQuotedHeaderLoads(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("e.csv"), "\uFEFF\"user\",\"at\",\"event\"\r\n1,2024-03-01 10:00,3\r\n");
        EventStore store = load(dir);
        assertEquals(1, store.eventCount());
        assertEquals(List.of(new StoreRows("1", "3", LocalDateTime.of(2024, 3, 1, 10, 0).atZone(ZoneId.of("UTC"))
                .toEpochSecond(), null, List.of())), StoreRows.of(store));
    }

    @Test
    void aFileThatIsNotUtf8NamesTheLineAndTheByteOffset(@TempDir Path dir) throws IOException {
        String good = "user,at,event\n1,2024-03-01 10:00,3\n2,2024-03-01 11:00,caf";
        java.io.ByteArrayOutputStream latin1 = new java.io.ByteArrayOutputStream();
        latin1.writeBytes(good.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        latin1.write(0xE9); // 'é' in Windows-1252
        latin1.writeBytes("\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.write(dir.resolve("e.csv"), latin1.toByteArray());
        assertEquals("source 'e': e.csv line 3: byte 0xE9 at byte offset " + good.length() + " is not UTF-8; save the"
                + " file as UTF-8 (Excel: \"CSV UTF-8\")", assertThrows(LoadException.class, () -> load(dir))
                .getMessage());
    }

    @Test
    void aHugeFieldFailsNamingItsLineInsteadOfFillingTheHeap(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("e.csv"), "user,at,event\n1,2024-03-01 10:00,3\n2,2024-03-01 10:00,\""
                + "x".repeat(3 << 20) + "\n");
        String message = assertThrows(LoadException.class, () -> load(dir)).getMessage();
        assertTrue(message.startsWith("source 'e': reading ") && message.endsWith(" failed: field 3 of the record on"
                + " line 3 is longer than 1,048,576 characters (a quote that is never closed?)"), message);
    }

    @Test
    void moreEventTypesThanAStoreHoldsNameTheSourceAndTheColumn(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("user,at,event\n");
        for (int i = 0; i <= EventTypes.MAX_TYPES; i++) {
            csv.append("1,2024-03-01 10:00,session-").append(i).append('\n');
        }
        Files.writeString(dir.resolve("e.csv"), csv);
        assertEquals("source 'e': type column 'event' brings more than 32,767 distinct event types, the most a store"
                + " holds; is it the right column (an event id or name, not a session or row id)?",
                assertThrows(LoadException.class, () -> load(dir)).getMessage());
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
