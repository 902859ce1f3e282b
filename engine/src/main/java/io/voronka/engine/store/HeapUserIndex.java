package io.voronka.engine.store;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;

/** A {@link UserIndex} on the heap; not safe to read while written, so a refresh appends to a copy. */
final class HeapUserIndex implements UserIndex {
    private final Long2IntOpenHashMap longs;
    private final Object2IntOpenHashMap<String> texts;

    HeapUserIndex() {
        this(new Long2IntOpenHashMap(), new Object2IntOpenHashMap<>());
        longs.defaultReturnValue(-1);
        texts.defaultReturnValue(-1);
    }

    private HeapUserIndex(Long2IntOpenHashMap longs, Object2IntOpenHashMap<String> texts) {
        this.longs = longs;
        this.texts = texts;
    }

    @Override
    public int getLong(long key) {
        return longs.get(key);
    }

    @Override
    public int getText(String key) {
        return texts.getInt(key);
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
        return new HeapUserIndex(longs.clone(), texts.clone());
    }

    /** Keys indexed (integer and text). */
    int size() {
        return longs.size() + texts.size();
    }

    @Override
    public long heapBytes() {
        // open addressing at load factor 0.75: about 2 slots per key (key + value arrays)
        return (long) longs.size() * (8 + 4) * 2 + (long) texts.size() * (4 + 8) * 2;
    }
}
