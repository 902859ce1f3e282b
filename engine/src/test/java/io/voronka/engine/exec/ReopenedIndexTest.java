package io.voronka.engine.exec;

import io.voronka.engine.eval.Planning;
import io.voronka.engine.funnel.RandomFunnels;
import io.voronka.engine.query.FunnelMode;
import io.voronka.engine.query.Query;
import io.voronka.engine.snapshot.SameStore;
import io.voronka.engine.snapshot.Snapshot;
import io.voronka.engine.snapshot.SnapshotProgress;
import io.voronka.engine.snapshot.SnapshotStorage;
import io.voronka.engine.store.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A reopened store reads each segment's index from the snapshot instead of building it: on seeded random stores
 * (one segment and several) that index equals a freshly built one (masks, time order, blocks, tie bits, postings),
 * and funnels, metrics and retention through the index answer on the reopened store as on the built one.
 */
class ReopenedIndexTest {
    private static QueryEngine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        engine = new QueryEngine(2, Planning.INDEX);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @ParameterizedTest
    @ValueSource(longs = {31L, 4_099L, 1_000_003L})
    void theReopenedIndexIsTheBuiltOneAndAnswersTheSame(long seed) {
        EventStore built = IndexEquivalenceTest.store(seed, 4000, seed % 2 == 0 ? Integer.MAX_VALUE : 5000);
        SnapshotStorage storage = SnapshotStorage.at(dir);
        storage.write(new Snapshot(built, List.of(), Instant.EPOCH), "fp", SnapshotProgress.NONE);
        EventStore reopened = storage.open("fp", SnapshotProgress.NONE).orElseThrow().store();

        SameStore.assertSame(built, reopened);
        SameStore.assertIndexesFitColumns(reopened);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 30; i++) {
            FunnelMode mode = FunnelMode.values()[i % FunnelMode.values().length];
            for (Query q : List.of(RandomFunnels.query(r, mode), IndexEquivalenceTest.metric(r),
                    IndexEquivalenceTest.retention(r))) {
                assertEquals(engine.execute(q, built), engine.execute(q, reopened), "seed " + seed + ": " + q);
            }
        }
    }
}
