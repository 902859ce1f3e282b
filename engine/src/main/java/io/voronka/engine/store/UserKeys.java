package io.voronka.engine.store;

/**
 * Maps user keys as the source tables hold them to dense ints 0..size-1 (the order of first appearance).
 * One kind per store ({@link UserKeyKind}); integer keys never box on the hot path ({@link #internLong}).
 *
 * <p>A view over a shared {@link UserIndex} (key → id) and {@link UserKeyColumn} (id → key) that owns ids below
 * its {@link #size}. A built store holds a frozen view; a refresh takes {@link #forAppend} of it and interns new
 * users past that size while queries keep reading the old view. An index entry is trusted only when the id is
 * below the size and the column holds the same key there, so entries left by an abandoned refresh are ignored.
 */
public final class UserKeys {
    private final UserKeyKind kind;
    private final UserIndex index;
    private final UserKeyColumn keys;
    private final boolean frozen;
    private int size;

    public UserKeys(UserKeyKind kind) {
        this(kind, new HeapUserIndex(), new UserKeyColumn(kind), 0, false);
    }

    private UserKeys(UserKeyKind kind, UserIndex index, UserKeyColumn keys, int size, boolean frozen) {
        this.kind = kind;
        this.index = index;
        this.keys = keys;
        this.size = size;
        this.frozen = frozen;
    }

    /** A read-only view of the first {@code size} users of an index and key column (a reopened snapshot). */
    public static UserKeys over(UserKeyKind kind, UserIndex index, UserKeyColumn keys, int size) {
        return new UserKeys(kind, index, keys, size, true);
    }

    /**
     * This view, read-only from now on. Integer keys indexed in the heap move to a {@link SortedUserIndex} (nothing
     * until the first lookup by key, then 4 bytes a user, instead of a hash map's 24) once there are
     * {@value #SORT_FROM} or more, and again when a refresh's added users outgrow
     * {@link OverlayUserIndex#RESORT_SHARE 1/8} of the sorted ones.
     */
    public UserKeys frozen() {
        return frozen ? this : new UserKeys(kind, compact(), keys, size, true);
    }

    /** Users from which a frozen view sorts its integer keys (fewer: the hash map is small anyway). */
    static final int SORT_FROM = 1 << 10;

    private UserIndex compact() {
        if (kind == UserKeyKind.TEXT || size < SORT_FROM) {
            return index;
        }
        boolean fromLoad = index instanceof HeapUserIndex;
        boolean grown = index instanceof OverlayUserIndex overlay && overlay.worthResorting();
        return fromLoad || grown ? SortedUserIndex.of(keys, size) : index;
    }

    /** A writable view that starts with these users; new users get ids from {@link #size} on. */
    public UserKeys forAppend() {
        return new UserKeys(kind, index.forAppend(), keys, size, false);
    }

    public UserKeyKind kind() {
        return kind;
    }

    public UserIndex index() {
        return index;
    }

    public UserKeyColumn column() {
        return keys;
    }

    public int size() {
        return size;
    }

    /** Dense id of an integer key (bits of an unsigned key for {@link UserKeyKind#UINT64}); TEXT stores take its decimal text. */
    public int internLong(long key) {
        if (kind == UserKeyKind.TEXT) {
            return internText(Long.toString(key));
        }
        int id = findLong(key);
        if (id >= 0) {
            return id;
        }
        assert !frozen : "interning into a frozen view";
        id = size++;
        keys.setLong(id, key);
        index.putLong(key, id);
        return id;
    }

    /** Dense id of a text key; integer stores parse it (and reject what is not an integer of their kind). */
    public int internText(String key) {
        if (kind != UserKeyKind.TEXT) {
            return internLong(parse(key));
        }
        int id = findText(key);
        if (id >= 0) {
            return id;
        }
        assert !frozen : "interning into a frozen view";
        id = size++;
        keys.setText(id, key);
        index.putText(key, id);
        return id;
    }

    /** The dense id of a key written as text, or -1 if no such user was loaded. */
    public int find(String key) {
        if (kind == UserKeyKind.TEXT) {
            return findText(key);
        }
        try {
            return findLong(parse(key));
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private int findLong(long key) {
        int id = index.getLong(key);
        return id >= 0 && id < size && keys.getLong(id) == key ? id : -1;
    }

    private int findText(String key) {
        int id = index.getText(key);
        return id >= 0 && id < size && keys.getText(id).equals(key) ? id : -1;
    }

    /** The key of a dense user id, written as text. */
    public String key(int user) {
        switch (kind) {
            case INT64:
                return Long.toString(keys.getLong(user));
            case UINT64:
                return Long.toUnsignedString(keys.getLong(user));
            default:
                return keys.getText(user);
        }
    }

    /** {@code 100.00} → {@code 100}: a zero fraction is dropped; anything else is returned as it is. */
    private static String wholeNumber(String key) {
        int dot = key.indexOf('.');
        if (dot < 0) {
            return key;
        }
        for (int i = dot + 1; i < key.length(); i++) {
            if (key.charAt(i) != '0') {
                return key;
            }
        }
        return key.substring(0, dot);
    }

    /** Approximate heap held by the dictionary, for the memory report. */
    public long approximateBytes() {
        return index.heapBytes() + keys.heapBytes(size);
    }

    private long parse(String key) {
        String k = wholeNumber(key.strip());
        try {
            return kind == UserKeyKind.UINT64 ? Long.parseUnsignedLong(k) : Long.parseLong(k);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("user key '" + key + "' is not a " + (kind == UserKeyKind.UINT64
                    ? "non-negative integer below 2^64" : "64-bit integer"), e);
        }
    }
}
