package io.voronka.spark;

import io.voronka.engine.store.EventTypes;
import io.voronka.engine.store.StoreBuilder;
import io.voronka.engine.store.UserKeyKind;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.List;

/**
 * Everything an executor needs to build a partition's store exactly as the driver sees the whole: the user-key
 * kind, the time zone, the sources (in configuration order) and the dimensions, and the event types in one global
 * order, so that every partition's {@link EventTypes} is the same dictionary as the driver's (the same query text
 * parses to the same query everywhere).
 *
 * @param constants per source, the constant type name of every row, or null when a column gives the type
 * @param maxSegmentEvents where a partition's store starts a new segment (tests split small stores)
 */
record StoreLayout(UserKeyKind keyKind, String zone, List<String> sources, List<Boolean> dedupe,
                   List<String> constants, List<String> dimensions, List<TypeDefinition> types, int maxSegmentEvents)
        implements Serializable {
    StoreLayout {
        sources = List.copyOf(sources);
        dedupe = List.copyOf(dedupe);
        constants = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(constants));
        dimensions = List.copyOf(dimensions);
        types = List.copyOf(types);
    }

    /** One event type: an external id (or {@link EventTypes#NO_ID} for a constant) with its name and aliases. */
    record TypeDefinition(long id, String name, List<String> aliases) implements Serializable {
        TypeDefinition {
            aliases = List.copyOf(aliases);
        }
    }

    /** A builder with the sources, dimensions and every event type registered in the global order. */
    StoreBuilder newBuilder() {
        StoreBuilder builder = new StoreBuilder(keyKind, ZoneId.of(zone)).maxSegmentEvents(maxSegmentEvents);
        defineTypes(builder.types());
        for (int s = 0; s < sources.size(); s++) {
            int index = builder.source(sources.get(s));
            builder.keepDuplicates(index, !dedupe.get(s));
        }
        for (String d : dimensions) {
            builder.dimension(d);
        }
        return builder;
    }

    /** Defines the types into an empty dictionary, in the global order. */
    void defineTypes(EventTypes into) {
        for (TypeDefinition t : types) {
            if (t.id() == EventTypes.NO_ID) {
                into.constant(t.name());
            } else {
                into.define(t.id(), t.name(), t.aliases());
            }
        }
    }
}
