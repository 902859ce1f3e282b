package io.voronka.engine.eval;

import io.voronka.engine.query.UserCondition;
import io.voronka.engine.query.UserFilter;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.SparseIntColumn;
import io.voronka.engine.store.UserPredicate;

import java.time.LocalDate;
import java.util.List;

/**
 * A {@link UserFilter} compiled against one store: each condition reads the user's own events (a type mask and a
 * time range for {@code did}, the first value of a dimension for {@code first}). Immutable; shared by threads.
 */
public final class UserSelection implements UserPredicate {
    private final Condition[] conditions;

    private UserSelection(Condition[] conditions) {
        this.conditions = conditions;
    }

    /** The store as a query with {@code filter} sees it ({@code store} itself when the filter keeps everybody). */
    public static EventStore restrict(EventStore store, UserFilter filter, LocalDate today) {
        if (filter.isNone()) {
            return store;
        }
        return store.restrictedTo(of(filter, store, today));
    }

    /** @param today the day relative ranges end on; null for the last day in the data */
    public static UserSelection of(UserFilter filter, EventStore store, LocalDate today) {
        List<UserCondition> list = filter.conditions();
        Condition[] compiled = new Condition[list.size()];
        for (int i = 0; i < compiled.length; i++) {
            UserCondition c = list.get(i);
            if (c instanceof UserCondition.Did did) {
                compiled[i] = new Did(EventMatcher.typeMask(store.types(), did.events()),
                        TimeRange.resolve(did.range(), store, today), did.negated());
            } else {
                UserCondition.FirstTouch first = (UserCondition.FirstTouch) c;
                int d = EventMatcher.dimension(store, first.filter().dimension());
                compiled[i] = new First(d, EventFilters.valueMask(store.dimensions().get(d), first.filter().values()),
                        first.filter().negated());
            }
        }
        return new UserSelection(compiled);
    }

    @Override
    public boolean test(Segment segment, int user) {
        int from = segment.offsets()[user];
        int to = segment.offsets()[user + 1];
        for (Condition c : conditions) {
            if (!c.test(segment, from, to)) {
                return false;
            }
        }
        return true;
    }

    private interface Condition {
        boolean test(Segment segment, int from, int to);
    }

    private record Did(boolean[] types, TimeRange range, boolean negated) implements Condition {
        @Override
        public boolean test(Segment segment, int from, int to) {
            final short[] t = segment.types();
            final int[] times = segment.times();
            for (int p = from; p < to; p++) {
                if (types[t[p]] && times[p] >= range.from() && times[p] < range.to()) {
                    return !negated;
                }
            }
            return negated;
        }
    }

    private record First(int dimension, boolean[] allowed, boolean negated) implements Condition {
        @Override
        public boolean test(Segment segment, int from, int to) {
            SparseIntColumn column = segment.dimension(dimension);
            for (int p = from; p < to; p++) {
                int code = column.get(p);
                if (code >= 0) {
                    return allowed[code] != negated;
                }
            }
            return negated;
        }
    }
}
