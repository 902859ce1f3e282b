package io.voronka.engine.eval;

import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.query.EventFilter;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.EventTypes;
import io.voronka.engine.store.Segment;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Which events a metric looks at: a set of types (empty list = every type) and event filters, resolved
 * once against the store. An event without a value of a filtered dimension fails {@code =}/{@code in} and
 * passes {@code !=}/{@code not in}.
 */
public final class EventMatcher {
    private final boolean[] types;
    private final EventFilters filters;

    public EventMatcher(EventStore store, List<EventRef> refs, List<? extends EventFilter> filters) {
        this.types = typeMask(store.types(), refs);
        this.filters = EventFilters.of(store, filters);
    }

    /** Per type code: true when the type is one of {@code refs}; every type when the list is empty. */
    public static boolean[] typeMask(EventTypes types, List<EventRef> refs) {
        boolean[] mask = new boolean[Math.max(1, types.size())];
        if (refs.isEmpty()) {
            java.util.Arrays.fill(mask, true);
            return mask;
        }
        for (EventRef ref : refs) {
            int code = ref.hasId() ? types.codeOfId(ref.id()) : types.codeOfName(ref.name());
            if (code >= 0) {
                mask[code] = true;
            }
        }
        return mask;
    }

    /** The index of a dimension, or an error that lists the dimensions there are. */
    public static int dimension(EventStore store, String name) {
        return store.dimensionIndex(name).orElseThrow(() -> VoronkaException.user("no source has a dimension '"
                + name + "'; dimensions: " + (store.dimensions().isEmpty() ? "none" : store.dimensions().stream()
                .map(Dimension::name).collect(Collectors.joining(", ")))));
    }

    /** Whether event {@code p} of {@code segment} is looked at. */
    public boolean matches(Segment segment, int p) {
        return types[segment.types()[p]] && filters.passes(segment, p);
    }
}
