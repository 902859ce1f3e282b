package io.voronka.engine.eval;

/** How a segment's users are visited. */
public enum Access {
    /** Every user, in id order. */
    SCAN,
    /** Every user's type mask is tested; only users that may have a needed type are visited, in id order. */
    TYPE_MASK,
    /** Only users in time blocks that overlap the needed range, tested by type mask and time span. */
    TIME_INDEX,
    /** No users: only the events of the needed types, from the lists of their positions (rare types). */
    POSTINGS
}
