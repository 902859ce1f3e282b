package io.voronka.engine.store;

/**
 * External user key → dense id, the lookup half of {@link UserKeys}. Implementations: {@link HeapUserIndex}
 * (fastutil, while loading), {@link SortedUserIndex} (a loaded store's integer keys; {@link OverlayUserIndex} adds a
 * refresh's users to it) and an off-heap Chronicle Map (a reopened snapshot). Answers may include ids a
 * {@link UserKeys} view does not own (entries of a later version or of an abandoned refresh): the view checks.
 */
public interface UserIndex {
    /** The id stored for an integer key (bits of an unsigned key), or -1. */
    int getLong(long key);

    /** The id stored for a text key, or -1. */
    int getText(String key);

    void putLong(long key, int id);

    void putText(String key, int id);

    /** An index a new version may add keys to while older versions keep reading this one. */
    UserIndex forAppend();

    /** Heap held (0 when the entries live off the heap). */
    long heapBytes();
}
