package io.voronka.engine.snapshot;

import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.StoreBuilder;
import io.voronka.engine.store.UserKeyKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void demoStoreReopensWithEveryColumnKeyAndDictionaryEqual() {
        EventStore store = DemoStoreSink.build(7, 60_000, 2);
        Snapshot written = new Snapshot(store, List.of(new Watermark("events", "happened_at",
                "timestamp with time zone", "2026-11-30 09:15:00+00", 10, 7),
                new Watermark("payments", "transaction_id", null, null, 0, 0)), Instant.ofEpochMilli(1_700_000_000_123L));
        SnapshotStorage storage = SnapshotStorage.at(dir);
        List<String> steps = new ArrayList<>();
        storage.write(written, "fp", (step, bytes) -> steps.add(step));
        assertTrue(steps.containsAll(List.of("store.bin", "segment-00000.bin", "users.map", "manifest.bin", "commit")),
                "progress names each file: " + steps);

        Snapshot reopened = SnapshotStorage.at(dir).open("fp", SnapshotProgress.NONE).orElseThrow();

        SameStore.assertSame(store, reopened.store());
        assertEquals(written.watermarks(), reopened.watermarks());
        assertEquals(written.readAt(), reopened.readAt());
    }

    @Test
    void textKeysAndSeveralSegmentsRoundTrip() {
        StoreBuilder b = new StoreBuilder(UserKeyKind.TEXT, ZoneOffset.UTC).maxSegmentEvents(7);
        int src = b.source("t");
        for (int i = 0; i < 200; i++) {
            b.append(src, b.users().internText("user-" + (i % 37) + "-ключ"), b.types().codeForId(i % 5),
                    1_600_000_000L + i * 977L);
        }
        EventStore store = b.build(2);
        assertTrue(store.segments().size() > 3, "the test needs several segments");
        SnapshotStorage storage = SnapshotStorage.at(dir);
        storage.write(new Snapshot(store, List.of(), Instant.EPOCH), "fp", SnapshotProgress.NONE);

        SameStore.assertSame(store, storage.open("fp", SnapshotProgress.NONE).orElseThrow().store());
    }

    /** Type masks of 1, 2, 4 and 8 bytes and postings of rare types are written and read back as built. */
    @ParameterizedTest
    @ValueSource(ints = {5, 12, 30, 70})
    void indexesOfEveryMaskWidthRoundTrip(int typeCount) {
        SplittableRandom r = new SplittableRandom(typeCount);
        StoreBuilder b = new StoreBuilder(UserKeyKind.INT64, ZoneOffset.UTC).maxSegmentEvents(3000);
        int src = b.source("t");
        for (int i = 0; i < 10_000; i++) {
            // type 0 common, the others rarer the higher their code
            int type = r.nextInt(4) == 0 ? r.nextInt(typeCount) : 0;
            b.append(src, b.users().internLong(r.nextInt(1500)), b.types().codeForId(type),
                    1_600_000_000L + r.nextInt(90) * 86_400L + r.nextInt(50));
        }
        EventStore store = b.build(2);
        SnapshotStorage storage = SnapshotStorage.at(dir);
        storage.write(new Snapshot(store, List.of(), Instant.EPOCH), "fp", SnapshotProgress.NONE);
        EventStore reopened = storage.open("fp", SnapshotProgress.NONE).orElseThrow().store();

        SameStore.assertSame(store, reopened);
        SameStore.assertIndexesFitColumns(reopened);
        int width = typeCount <= 8 ? 1 : typeCount <= 16 ? 2 : typeCount <= 32 ? 4 : 8;
        assertEquals(width, reopened.segments().get(0).index().maskWidth(), "mask width");
    }

    @Test
    void aNewSnapshotReplacesTheOldOneAndLeavesNoTemporaryFolder() throws Exception {
        SnapshotStorage storage = SnapshotStorage.at(dir);
        EventStore first = DemoStoreSink.build(1, 5_000, 1);
        EventStore second = DemoStoreSink.build(2, 8_000, 1);
        storage.write(new Snapshot(first, List.of(), Instant.EPOCH), "fp", SnapshotProgress.NONE);
        Path last = storage.write(new Snapshot(second, List.of(), Instant.EPOCH), "fp", SnapshotProgress.NONE);

        try (Stream<Path> files = Files.list(dir)) {
            List<String> folders = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("snapshot-") || n.startsWith("tmp-")).toList();
            assertEquals(List.of(last.getFileName().toString()), folders);
        }
        SameStore.assertSame(second, storage.open("fp", SnapshotProgress.NONE).orElseThrow().store());
    }

    @Test
    void reopeningAReopenedStoreWritesTheSameData() {
        SnapshotStorage storage = SnapshotStorage.at(dir);
        EventStore store = DemoStoreSink.build(3, 20_000, 2);
        storage.write(new Snapshot(store, List.of(), Instant.EPOCH), "fp", SnapshotProgress.NONE);
        Snapshot reopened = storage.open("fp", SnapshotProgress.NONE).orElseThrow();
        storage.write(reopened, "fp", SnapshotProgress.NONE);

        SameStore.assertSame(store, storage.open("fp", SnapshotProgress.NONE).orElseThrow().store());
    }
}
