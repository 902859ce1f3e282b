package io.voronka.engine.snapshot;

import io.voronka.engine.store.UserIndex;
import io.voronka.engine.store.UserKeyKind;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * User key → dense id in a persisted Chronicle Map: off the heap, safe to read while a refresh adds users.
 * The file is a private working copy (a snapshot's own map is never opened, so its checksum stays true); it is
 * closed and deleted once no store version refers to this index any more.
 */
final class ChronicleUserIndex implements UserIndex {
    private static final Cleaner CLEANER = Cleaner.create();

    private final ChronicleMap<Long, Integer> longs;
    private final ChronicleMap<CharSequence, Integer> texts;
    private final Path file;

    private ChronicleUserIndex(ChronicleMap<Long, Integer> longs, ChronicleMap<CharSequence, Integer> texts, Path file,
                               boolean deleteWhenUnused) {
        this.longs = longs;
        this.texts = texts;
        this.file = file;
        if (deleteWhenUnused) {
            ChronicleMap<?, ?> map = longs != null ? longs : texts;
            CLEANER.register(this, () -> closeAndDelete(map, file));
        }
    }

    /**
     * Creates the map file, or opens the one there, sized for {@code entries} users (room to grow several times
     * over through Chronicle's bloat factor).
     *
     * @param deleteWhenUnused true for a working copy, false for a file that stays (a snapshot being written)
     */
    static ChronicleUserIndex persisted(Path file, UserKeyKind kind, long entries, double averageTextKeyBytes,
                                        boolean deleteWhenUnused) throws IOException {
        long sized = Math.max(1024, entries + entries / 2 + 10_000);
        if (kind == UserKeyKind.TEXT) {
            ChronicleMapBuilder<CharSequence, Integer> b = ChronicleMap.of(CharSequence.class, Integer.class)
                    .name("voronka-users").entries(sized).averageKeySize(Math.max(4, averageTextKeyBytes))
                    .maxBloatFactor(8);
            return new ChronicleUserIndex(null, b.createPersistedTo(file.toFile()), file, deleteWhenUnused);
        }
        ChronicleMapBuilder<Long, Integer> b = ChronicleMap.of(Long.class, Integer.class).name("voronka-users")
                .entries(sized).maxBloatFactor(8);
        return new ChronicleUserIndex(b.createPersistedTo(file.toFile()), null, file, deleteWhenUnused);
    }

    Path file() {
        return file;
    }

    /** Closes the map now (a snapshot's file once written); the object must not be used afterwards. */
    void close() {
        (longs != null ? longs : texts).close();
    }

    @Override
    public int getLong(long key) {
        Integer id = longs.get(key);
        return id == null ? -1 : id;
    }

    @Override
    public int getText(String key) {
        Integer id = texts.get(key);
        return id == null ? -1 : id;
    }

    @Override
    public void putLong(long key, int id) {
        longs.put(key, id);
    }

    @Override
    public void putText(String key, int id) {
        texts.put(key, id);
    }

    @Override
    public UserIndex forAppend() {
        return this;
    }

    @Override
    public long heapBytes() {
        return 0;
    }

    private static void closeAndDelete(ChronicleMap<?, ?> map, Path file) {
        map.close();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a working copy left behind is removed by the next start (Storage cleans its work folder)
        }
    }
}
