package io.voronka.engine.store;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps user keys as the source tables hold them to dense ints 0..size-1 (the order of first appearance).
 * One kind per store ({@link UserKeyKind}); integer keys never box on the hot path ({@link #internLong}).
 */
public final class UserKeys {
    private final UserKeyKind kind;
    private final Long2IntOpenHashMap longIndex;
    private final LongArrayList longKeys;
    private final Object2IntOpenHashMap<String> textIndex;
    private final List<String> textKeys;

    public UserKeys(UserKeyKind kind) {
        this.kind = kind;
        if (kind == UserKeyKind.TEXT) {
            textIndex = new Object2IntOpenHashMap<>();
            textIndex.defaultReturnValue(-1);
            textKeys = new ArrayList<>();
            longIndex = null;
            longKeys = null;
        } else {
            longIndex = new Long2IntOpenHashMap();
            longIndex.defaultReturnValue(-1);
            longKeys = new LongArrayList();
            textIndex = null;
            textKeys = null;
        }
    }

    public UserKeyKind kind() {
        return kind;
    }

    public int size() {
        return kind == UserKeyKind.TEXT ? textKeys.size() : longKeys.size();
    }

    /** Dense id of an integer key (bits of an unsigned key for {@link UserKeyKind#UINT64}); TEXT stores take its decimal text. */
    public int internLong(long key) {
        if (kind == UserKeyKind.TEXT) {
            return internText(Long.toString(key));
        }
        int id = longIndex.get(key);
        if (id >= 0) {
            return id;
        }
        id = longKeys.size();
        longIndex.put(key, id);
        longKeys.add(key);
        return id;
    }

    /** Dense id of a text key; integer stores parse it (and reject what is not an integer of their kind). */
    public int internText(String key) {
        if (kind != UserKeyKind.TEXT) {
            return internLong(parse(key));
        }
        int id = textIndex.getInt(key);
        if (id >= 0) {
            return id;
        }
        id = textKeys.size();
        textIndex.put(key, id);
        textKeys.add(key);
        return id;
    }

    /** The dense id of a key written as text, or -1 if no such user was loaded. */
    public int find(String key) {
        if (kind == UserKeyKind.TEXT) {
            return textIndex.getInt(key);
        }
        try {
            return longIndex.get(parse(key));
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** The key of a dense user id, written as text. */
    public String key(int user) {
        switch (kind) {
            case INT64:
                return Long.toString(longKeys.getLong(user));
            case UINT64:
                return Long.toUnsignedString(longKeys.getLong(user));
            default:
                return textKeys.get(user);
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
        if (kind == UserKeyKind.TEXT) {
            long bytes = 0;
            for (String s : textKeys) {
                bytes += 40 + s.length();
            }
            return bytes + (long) textKeys.size() * 16;
        }
        return (long) longKeys.size() * (8 + 8 + 4) * 2;
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
