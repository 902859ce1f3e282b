package io.voronka.engine.store;

/**
 * Which users of a store a query sees (a user filter compiled against the store). Implementations read the
 * user's events and must be safe to call from many threads at once.
 */
@FunctionalInterface
public interface UserPredicate {
    /** Every user. */
    UserPredicate ALL = (segment, user) -> true;

    /** Whether segment-local user {@code user} of {@code segment} is seen. */
    boolean test(Segment segment, int user);
}
