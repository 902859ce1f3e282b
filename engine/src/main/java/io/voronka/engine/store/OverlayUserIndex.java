package io.voronka.engine.store;

/**
 * A {@link SortedUserIndex} and the users refreshes added since it was built, in a {@link HeapUserIndex}: lookups
 * try the added users first. {@link UserKeys#frozen} sorts everything again once the added users are more than
 * {@link #RESORT_SHARE 1/8} of the sorted ones.
 */
final class OverlayUserIndex implements UserIndex {
    static final int RESORT_SHARE = 8;

    private final SortedUserIndex base;
    private final HeapUserIndex added;

    OverlayUserIndex(SortedUserIndex base, HeapUserIndex added) {
        this.base = base;
        this.added = added;
    }

    /** Whether the added users have grown past {@link #RESORT_SHARE 1/8} of the sorted ones. */
    boolean worthResorting() {
        return (long) added.size() * RESORT_SHARE > base.size();
    }

    @Override
    public int getLong(long key) {
        int id = added.getLong(key);
        return id >= 0 ? id : base.getLong(key);
    }

    @Override
    public int getText(String key) {
        return -1;    // integer keys only, as the sorted index
    }

    @Override
    public void putLong(long key, int id) {
        added.putLong(key, id);
    }

    @Override
    public void putText(String key, int id) {
        throw new UnsupportedOperationException("integer user keys only");
    }

    @Override
    public UserIndex forAppend() {
        return new OverlayUserIndex(base, (HeapUserIndex) added.forAppend());
    }

    @Override
    public long heapBytes() {
        return base.heapBytes() + added.heapBytes();
    }
}
