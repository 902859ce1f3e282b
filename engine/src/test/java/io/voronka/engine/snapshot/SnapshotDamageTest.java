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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of damage to a snapshot is refused with the file and the reason, never read as data: a flipped byte
 * and a cut in each kind of file, a missing file, another format version, another configuration.
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
            "segment-00000.bin", "users.keys", "users.map"})
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

    @ParameterizedTest
    @ValueSource(strings = {"manifest.bin", "store.bin", "types.bin", "dimensions.bin", "costs.bin",
            "segment-00000.bin", "users.keys", "users.map"})
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

    @Test
    void aMissingFileIsNamed() throws IOException {
        Path file = written().resolve("types.bin");
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
