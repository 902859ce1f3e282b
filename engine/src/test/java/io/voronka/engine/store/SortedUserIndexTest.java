package io.voronka.engine.store;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * A frozen view of many integer keys holds no index until a lookup, then finds every key through its sorted ids, as
 * the hash map it was built with did, for signed and unsigned keys; a refresh's users are found through the overlay, older views do not see them,
 * and the overlay is sorted in once it outgrows its share. Text keys keep their hash map.
 */
class SortedUserIndexTest {
    private static final int USERS = UserKeys.SORT_FROM + 1234;

    @Test
    void everyKeyIsFoundAfterSortingAndAbsentOnesAreNot() {
        for (UserKeyKind kind : new UserKeyKind[] {UserKeyKind.INT64, UserKeyKind.UINT64}) {
            SplittableRandom r = new SplittableRandom(kind.ordinal());
            UserKeys loading = new UserKeys(kind);
            long[] keys = new long[USERS];
            for (int i = 0; i < USERS; i++) {
                // every eighth key at either extreme of the range, the rest anywhere
                keys[i] = i % 8 == 0 ? Long.MIN_VALUE + i : i % 8 == 1 ? Long.MAX_VALUE - i : r.nextLong();
                loading.internLong(keys[i]);
            }
            UserKeys frozen = loading.frozen();
            SortedUserIndex index = assertInstanceOf(SortedUserIndex.class, frozen.index(), kind.toString());
            assertEquals(frozen.column().heapBytes(frozen.size()), frozen.approximateBytes(), "nothing sorted yet");
            assertFalse(index.sorted());
            assertEquals(loading.size(), frozen.size());
            for (long key : keys) {
                String text = kind == UserKeyKind.UINT64 ? Long.toUnsignedString(key) : Long.toString(key);
                int id = frozen.find(text);
                assertEquals(text, frozen.key(id), kind + " key " + text);
            }
            Set<Long> interned = new HashSet<>();
            for (long key : keys) {
                interned.add(key);
            }
            assertEquals(interned.size(), frozen.size(), "one user per distinct key");
            for (int i = 0; i < 1000; i++) {
                long absent = i % 2 == 0 ? r.nextLong() : Long.MIN_VALUE + 8L * i + 3;
                if (!interned.contains(absent)) {
                    String text = kind == UserKeyKind.UINT64 ? Long.toUnsignedString(absent) : Long.toString(absent);
                    assertEquals(-1, frozen.find(text), "a key never interned is not found: " + text);
                }
            }
            assertEquals(4L * frozen.size() + frozen.column().heapBytes(frozen.size()), frozen.approximateBytes());
        }
    }

    @Test
    void refreshesAddThroughAnOverlayThatIsSortedInOnceItGrows() {
        UserKeys first = new UserKeys(UserKeyKind.INT64);
        for (int i = 0; i < USERS; i++) {
            first.internLong(1_000_000L + 3L * i);
        }
        first = first.frozen();
        UserKeys refreshing = first.forAppend();
        int added = refreshing.internLong(-5);
        assertEquals(USERS, added, "a new user gets the next id");
        assertEquals(7, refreshing.internLong(1_000_000L + 21), "an old user keeps its id");
        UserKeys second = refreshing.frozen();
        assertInstanceOf(OverlayUserIndex.class, second.index(), "a small refresh keeps the overlay");
        assertEquals(added, second.find("-5"));
        assertEquals(-1, first.find("-5"), "the version before the refresh does not see its users");

        UserKeys growing = second.forAppend();
        for (int i = 0; i < USERS / OverlayUserIndex.RESORT_SHARE + 10; i++) {
            growing.internLong(-100 - i);
        }
        UserKeys third = growing.frozen();
        assertInstanceOf(SortedUserIndex.class, third.index(), "sorted again past 1/8 added");
        assertEquals(added, third.find("-5"));
        assertEquals(7, third.find(Long.toString(1_000_000L + 21)));
        assertEquals(USERS + 1 + USERS / OverlayUserIndex.RESORT_SHARE + 9, third.find(Long.toString(-100 - (USERS
                / OverlayUserIndex.RESORT_SHARE + 9))));
        assertEquals(-1, second.find("-100"), "nor does the version before that one");
    }

    @Test
    void textKeysAndSmallStoresKeepTheirHashMap() {
        UserKeys text = new UserKeys(UserKeyKind.TEXT);
        for (int i = 0; i < USERS; i++) {
            text.internText("user-" + i);
        }
        assertInstanceOf(HeapUserIndex.class, text.frozen().index());
        UserKeys small = new UserKeys(UserKeyKind.INT64);
        small.internLong(42);
        UserKeys frozen = small.frozen();
        assertInstanceOf(HeapUserIndex.class, frozen.index());
        assertSame(frozen, frozen.frozen());
        assertEquals(0, frozen.find("42"));
    }
}
