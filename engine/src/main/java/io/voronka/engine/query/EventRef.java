package io.voronka.engine.query;

import java.util.Objects;

/**
 * One event type as a query names it: an external id ({@code 3}, from a column such as {@code event_id}) or a
 * name (a dictionary name, an alias, or a source constant such as {@code pay}). {@code id} is
 * {@link #NO_ID} when the type is named.
 */
public record EventRef(long id, String name) {
    public static final long NO_ID = Long.MIN_VALUE;

    public EventRef {
        if (id == NO_ID) {
            Objects.requireNonNull(name, "an event without an id needs a name");
        }
    }

    public static EventRef ofId(long id) {
        return new EventRef(id, null);
    }

    public static EventRef ofName(String name) {
        return new EventRef(NO_ID, name);
    }

    public boolean hasId() {
        return id != NO_ID;
    }

    @Override
    public String toString() {
        return hasId() ? Long.toString(id) : '"' + name + '"';
    }
}
