package io.voronka.engine.store;

import java.util.Arrays;

/**
 * Dense id → external key, append-only and shared by the versions of a store: a version reads only ids below its
 * own user count, which a later append never changes. One writer at a time (a load or a refresh).
 *
 * <pre>
 * chunks[id &gt;&gt;&gt; 16].get(id &amp; 0xFFFF)   long keys (INT64, UINT64 bits)
 * textChunks[id &gt;&gt;&gt; 16][id &amp; 0xFFFF]   String keys (TEXT)
 * </pre>
 * Chunks keep appends from copying what older versions read. A full chunk of long keys is packed: the chunk's
 * smallest key and, per id, its distance from it in as many bits as the chunk's range needs (18 bits for the demo's
 * ids, which grow by about 4 per user), so ids handed out in the order keys were met cost 2–4 bytes, not 8. Only the
 * chunk being appended to is a plain {@code long[]}.
 */
public final class UserKeyColumn {
    private static final int SHIFT = 16;
    private static final int CHUNK = 1 << SHIFT;

    private final boolean text;
    private volatile LongChunk[] longChunks = new LongChunk[0];
    private volatile String[][] textChunks = new String[0][];

    public UserKeyColumn(UserKeyKind kind) {
        this.text = kind == UserKeyKind.TEXT;
    }

    public long getLong(int id) {
        return longChunks[id >>> SHIFT].get(id & (CHUNK - 1));
    }

    public String getText(int id) {
        return textChunks[id >>> SHIFT][id & (CHUNK - 1)];
    }

    /** Sets the key of an id at or past every id a published version reads. */
    public void setLong(int id, long key) {
        assert !text;
        LongChunk[] chunks = longChunks;
        int c = id >>> SHIFT;
        if (c >= chunks.length) {
            chunks = Arrays.copyOf(chunks, c + 1);
            for (int i = 0; i <= c; i++) {
                if (chunks[i] == null) {
                    chunks[i] = new LongChunk(new long[CHUNK]);
                }
            }
            longChunks = chunks;
        }
        int i = id & (CHUNK - 1);
        LongChunk chunk = chunks[c];
        if (chunk.plain == null) {
            // a key set again in a packed chunk: not done by loads or refreshes, kept correct all the same
            chunk = new LongChunk(chunk.unpacked());
        }
        chunk.plain[i] = key;
        // the chunk's last id filled: pack it (the new chunk object is safely published by its final fields)
        chunks[c] = i == CHUNK - 1 ? LongChunk.pack(chunk.plain) : chunk;
    }

    /** Sets the keys of ids {@code from ..}: a whole chunk is taken as it is (a snapshot reads keys in chunks). */
    public void setLongs(int from, long[] keys) {
        if ((from & (CHUNK - 1)) == 0 && keys.length <= CHUNK) {
            int c = from >>> SHIFT;
            LongChunk[] chunks = longChunks;
            if (c >= chunks.length) {
                chunks = Arrays.copyOf(chunks, c + 1);
            }
            chunks[c] = keys.length == CHUNK ? LongChunk.pack(keys) : new LongChunk(Arrays.copyOf(keys, CHUNK));
            for (int i = 0; i < c; i++) {
                if (chunks[i] == null) {
                    chunks[i] = new LongChunk(new long[CHUNK]);
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
            long bytes = 0;
            for (int c = 0; c < chunks; c++) {
                bytes += longChunks[c].bytes();
            }
            return bytes;
        }
        long bytes = chunks * CHUNK * 4L;
        for (int id = 0; id < size; id++) {
            bytes += 40 + getText(id).length();
        }
        return bytes;
    }

    /**
     * The keys of one chunk: plain (the chunk being appended to) or packed as {@code base} plus {@code width}-bit
     * distances, little-endian in {@code words} (distance i at bit i·width).
     */
    static final class LongChunk {
        final long[] plain;
        private final long base;
        private final int width;
        private final long[] words;

        LongChunk(long[] plain) {
            this.plain = plain;
            this.base = 0;
            this.width = 0;
            this.words = null;
        }

        private LongChunk(long base, int width, long[] words) {
            this.plain = null;
            this.base = base;
            this.width = width;
            this.words = words;
        }

        static LongChunk pack(long[] keys) {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (long k : keys) {
                min = Math.min(min, k);
                max = Math.max(max, k);
            }
            // max − min read unsigned: the distance of any two longs fits in 64 bits
            int width = 64 - Long.numberOfLeadingZeros(max - min);
            long[] words = new long[(int) (((long) keys.length * width + 63) >>> 6) + 1];
            for (int i = 0; i < keys.length; i++) {
                long d = keys[i] - min;
                long bit = (long) i * width;
                int w = (int) (bit >>> 6);
                int s = (int) (bit & 63);
                words[w] |= d << s;
                if (s != 0 && s + width > 64) {
                    words[w + 1] |= d >>> (64 - s);
                }
            }
            return new LongChunk(min, width, words);
        }

        long get(int i) {
            if (plain != null) {
                return plain[i];
            }
            if (width == 0) {
                return base;
            }
            long bit = (long) i * width;
            int w = (int) (bit >>> 6);
            int s = (int) (bit & 63);
            long v = words[w] >>> s;
            if (s != 0 && s + width > 64) {
                v |= words[w + 1] << (64 - s);
            }
            return base + (width == 64 ? v : v & ((1L << width) - 1));
        }

        long[] unpacked() {
            if (plain != null) {
                return plain.clone();
            }
            long[] keys = new long[CHUNK];
            for (int i = 0; i < CHUNK; i++) {
                keys[i] = get(i);
            }
            return keys;
        }

        long bytes() {
            return plain != null ? 8L * plain.length : 8L * words.length + 32;
        }
    }
}
