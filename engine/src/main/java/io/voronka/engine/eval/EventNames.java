package io.voronka.engine.eval;

import io.voronka.engine.query.EventRef;
import io.voronka.engine.store.EventTypes;

import java.util.List;

/** Dictionary names of the event types a query names, for results (data, not display text). */
public final class EventNames {
    private EventNames() {
    }

    /** The code of a reference, or -1 when the store has no such type. */
    public static int code(EventRef ref, EventTypes types) {
        return ref.hasId() ? types.codeOfId(ref.id()) : types.codeOfName(ref.name());
    }

    /** The names joined with " | " ({@code 4|13} → "call answered | WhatsApp"); unknown ids stay as written. */
    public static String joined(List<EventRef> refs, EventTypes types) {
        StringBuilder sb = new StringBuilder();
        for (EventRef ref : refs) {
            if (sb.length() > 0) {
                sb.append(" | ");
            }
            int code = code(ref, types);
            sb.append(code >= 0 ? types.name(code) : ref.hasId() ? Long.toString(ref.id()) : ref.name());
        }
        return sb.toString();
    }
}
