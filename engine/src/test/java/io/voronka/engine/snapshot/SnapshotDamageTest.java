package io.voronka.engine.snapshot;

import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.store.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of damage to a snapshot is refused with the file and the reason, never read as data: a flipped byte
 * and a cut in each kind of file, a missing file, another format version, another configuration. The one exception
 * is a flipped byte in the user-key map, which is derived data checked after the store is ready: it is reported
 * and the map rebuilt from the checked id → key column.
 */
class SnapshotDamageTest {
    private static EventStore store;

    @TempDir
    Path dir;

    @BeforeAll
    static void demo() {
        store = DemoStoreSink.build(11, 30_000, 2);
    }

    private Path written() {
        return SnapshotStorage.at(dir).write(new Snapshot(store, List.of(), Instant.EPOCH), "fp", SnapshotProgress.NONE);
    }

    private SnapshotException refused() {
        return assertThrows(SnapshotException.class,
                () -> SnapshotStorage.at(dir).open("fp", SnapshotProgress.NONE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"manifest.bin", "store.bin", "types.bin", "dimensions.bin", "costs.bin",
            "segment-00000.bin", "segment-00000.idx", "users.keys"})
    void aFlippedByteIsFoundInEveryKindOfFile(String name) throws IOException {
        Path file = written().resolve(name);
        long size = Files.size(file);
        for (long at : new long[]{size / 2, size - 20}) {
            flip(file, at);
            SnapshotException e = refused();
            assertEquals(file, e.file(), e.getMessage());
            assertOneLine(e);
            flip(file, at);
            SameStore.assertSame(store, SnapshotStorage.at(dir).open("fp", SnapshotProgress.NONE).orElseThrow().store());
        }
    }

    /**
     * The user-key map is copied and checked when a lookup by key first needs it, after the store is ready (queries
     * do not need it): a flipped byte there is found then, reported, and the map rebuilt from the checked id → key
     * column, so every key still finds its user and the snapshot's own file is left as it was.
     */
    @Test
    void aFlippedByteInTheUserMapIsFoundAfterReadyAndTheMapRebuilt() throws IOException {
        Path file = written().resolve("users.map");
        long size = Files.size(file);
        for (long at : new long[]{size / 2, size - 20, 100}) {
            flip(file, at);
            byte[] damaged = Files.readAllBytes(file);
            Recorded progress = new Recorded();
            EventStore reopened = SnapshotStorage.at(dir).open("fp", progress).orElseThrow().store();
            SameStore.assertSame(store, reopened);
            for (int id = 0; id < store.userCount(); id++) {
                assertEquals(id, reopened.users().find(store.users().key(id)), "user " + id);
            }
            assertEquals(-1, reopened.users().find("987654321987"));
            assertEquals(1, progress.repairs.size(), progress.repairs.toString());
            SnapshotException repair = progress.repairs.get(0);
            assertEquals(file, repair.file());
            assertTrue(repair.getMessage().contains("checksum mismatch"), repair.getMessage());
            assertOneLine(repair);
            assertTrue(progress.how.get(0).contains("users.keys"), progress.how.get(0));
            assertFalse(progress.steps.contains("users.map copied"), progress.steps.toString());
            assertArrayEquals(damaged, Files.readAllBytes(file));
            flip(file, at);
        }
    }

    /** A later snapshot may remove this one's folder before its map was needed: the map is rebuilt then too. */
    @Test
    void aUserMapGoneBeforeItIsNeededIsRebuilt() throws IOException {
        Path file = written().resolve("users.map");
        Recorded progress = new Recorded();
        EventStore reopened = SnapshotStorage.at(dir).open("fp", progress).orElseThrow().store();
        Files.delete(file);
        for (int id = 0; id < store.userCount(); id += 7) {
            assertEquals(id, reopened.users().find(store.users().key(id)), "user " + id);
        }
        assertEquals(1, progress.repairs.size(), progress.repairs.toString());
        assertEquals(file, progress.repairs.get(0).file());
    }

    @Test
    void anIntactUserMapIsCopiedAndOpenedNotRebuilt() {
        written();
        Recorded progress = new Recorded();
        EventStore reopened = SnapshotStorage.at(dir).open("fp", progress).orElseThrow().store();
        assertEquals(0, reopened.users().find(store.users().key(0)));
        assertTrue(progress.steps.contains("users.map copied"), progress.steps.toString());
        assertEquals(List.of(), progress.repairs);
    }

    /** What a reopen told (from any thread). */
    private static final class Recorded implements SnapshotProgress {
        final List<String> steps = new CopyOnWriteArrayList<>();
        final List<SnapshotException> repairs = new CopyOnWriteArrayList<>();
        final List<String> how = new CopyOnWriteArrayList<>();

        @Override
        public void done(String step, long bytes) {
            steps.add(step);
        }

        @Override
        public void repaired(SnapshotException damage, String what) {
            repairs.add(damage);
            how.add(what);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"manifest.bin", "store.bin", "types.bin", "dimensions.bin", "costs.bin",
            "segment-00000.bin", "segment-00000.idx", "users.keys", "users.map"})
    void aTruncatedFileIsRefusedNamingIt(String name) throws IOException {
        Path file = written().resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(f.length() - 1);
        }
        SnapshotException e = refused();
        assertEquals(file, e.file(), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertOneLine(e);
    }

    @Test
    void aFileCutToNothingIsRefused() throws IOException {
        Path file = written().resolve("segment-00000.bin");
        Files.write(file, new byte[0]);
        SnapshotException e = refused();
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"types.bin", "segment-00000.idx"})
    void aMissingFileIsNamed(String name) throws IOException {
        Path file = written().resolve(name);
        Files.delete(file);
        SnapshotException e = refused();
        assertEquals(file, e.file());
        assertTrue(e.getMessage().endsWith("missing"), e.getMessage());
    }

    @Test
    void anotherConfigurationsSnapshotIsNotUsed() {
        Path folder = written();
        SnapshotException e = assertThrows(SnapshotException.class,
                () -> SnapshotStorage.at(dir).open("another", SnapshotProgress.NONE));
        assertEquals(folder.resolve("manifest.bin"), e.file());
        assertTrue(e.getMessage().contains("another configuration"), e.getMessage());
    }

    @Test
    void anotherFormatVersionIsNamed() throws IOException {
        Path file = written().resolve("store.bin");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(8);
            f.write(new byte[]{99, 0, 0, 0});
        }
        SnapshotException e = refused();
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains("format 99"), e.getMessage());
    }

    @Test
    void noSnapshotYetIsNotAnError() {
        assertFalse(SnapshotStorage.at(dir).open("fp", SnapshotProgress.NONE).isPresent());
    }

    private static void assertOneLine(SnapshotException e) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static void flip(Path file, long at) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x10);
        }
    }
}
