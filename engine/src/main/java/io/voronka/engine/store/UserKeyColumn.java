package io.voronka.engine.store;

import java.util.Arrays;

/**
 * Dense id → external key, append-only and shared by the versions of a store: a version reads only ids below its
 * own user count, which a later append never changes. One writer at a time (a load or a refresh).
 *
 * <pre>
 * chunks[id &gt;&gt;&gt; 16][id &amp; 0xFFFF]   long keys (INT64, UINT64 bits) or String keys (TEXT)
 * </pre>
 * Chunks keep appends from copying what older versions read.
 */
public final class UserKeyColumn {
    private static final int SHIFT = 16;
    private static final int CHUNK = 1 << SHIFT;

    private final boolean text;
    private volatile long[][] longChunks = new long[0][];
    private volatile String[][] textChunks = new String[0][];

    public UserKeyColumn(UserKeyKind kind) {
        this.text = kind == UserKeyKind.TEXT;
    }

    public long getLong(int id) {
        return longChunks[id >>> SHIFT][id & (CHUNK - 1)];
    }

    public String getText(int id) {
        return textChunks[id >>> SHIFT][id & (CHUNK - 1)];
    }

    /** Sets the key of an id at or past every id a published version reads. */
    public void setLong(int id, long key) {
        assert !text;
        long[][] chunks = longChunks;
        int c = id >>> SHIFT;
        if (c >= chunks.length) {
            chunks = Arrays.copyOf(chunks, c + 1);
            for (int i = 0; i <= c; i++) {
                if (chunks[i] == null) {
                    chunks[i] = new long[CHUNK];
                }
            }
            longChunks = chunks;
        }
        chunks[c][id & (CHUNK - 1)] = key;
    }

    /** Sets the keys of ids {@code from ..}: a whole chunk is taken as it is (a snapshot reads keys in chunks). */
    public void setLongs(int from, long[] keys) {
        if ((from & (CHUNK - 1)) == 0 && keys.length <= CHUNK) {
            int c = from >>> SHIFT;
            long[][] chunks = longChunks;
            if (c >= chunks.length) {
                chunks = Arrays.copyOf(chunks, c + 1);
            }
            chunks[c] = keys.length == CHUNK ? keys : Arrays.copyOf(keys, CHUNK);
            for (int i = 0; i < c; i++) {
                if (chunks[i] == null) {
                    chunks[i] = new long[CHUNK];
                }
            }
            longChunks = chunks;
            return;
        }
        for (int i = 0; i < keys.length; i++) {
            setLong(from + i, keys[i]);
        }
    }

    public void setText(int id, String key) {
        assert text;
        String[][] chunks = textChunks;
        int c = id >>> SHIFT;
        if (c >= chunks.length) {
            chunks = Arrays.copyOf(chunks, c + 1);
            for (int i = 0; i <= c; i++) {
                if (chunks[i] == null) {
                    chunks[i] = new String[CHUNK];
                }
            }
            textChunks = chunks;
        }
        chunks[c][id & (CHUNK - 1)] = key;
    }

    /** Heap held for the first {@code size} ids. */
    long heapBytes(int size) {
        long chunks = (size + CHUNK - 1L) / CHUNK;
        if (!text) {
            return chunks * CHUNK * 8L;
        }
        long bytes = chunks * CHUNK * 4L;
        for (int id = 0; id < size; id++) {
            bytes += 40 + getText(id).length();
        }
        return bytes;
    }
}
