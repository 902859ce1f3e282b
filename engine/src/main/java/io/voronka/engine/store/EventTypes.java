package io.voronka.engine.store;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The event-type dictionary: dense internal codes (0..size-1, stored per event as a {@code short}) with the
 * external id they came from (a value of a column such as {@code event_id}), a display name and aliases.
 * Constant types (every row of {@code payments} is {@code pay}) have a name and no external id.
 *
 * <p>Mutable while a store is loaded; the built store holds it read-only.
 */
public final class EventTypes {
    /** Marks a type that has no external id (a source constant). */
    public static final long NO_ID = Long.MIN_VALUE;
    /** Codes are stored as {@code short}. */
    public static final int MAX_TYPES = Short.MAX_VALUE;

    private final List<String> names = new ArrayList<>();
    private final List<List<String>> aliases = new ArrayList<>();
    private final List<Long> ids = new ArrayList<>();
    private final Long2IntOpenHashMap codeById = new Long2IntOpenHashMap();
    private final Object2IntOpenHashMap<String> codeByName = new Object2IntOpenHashMap<>();

    public EventTypes() {
        codeById.defaultReturnValue(-1);
        codeByName.defaultReturnValue(-1);
    }

    /**
     * The dictionary as written before (a snapshot): per code its name, external id and aliases, and the
     * name → code index exactly as it was (renamed types keep answering to their old names).
     */
    public static EventTypes restore(List<String> names, List<Long> ids, List<List<String>> aliases,
                                     Map<String, Integer> nameIndex) {
        if (names.size() != ids.size() || names.size() != aliases.size()) {
            throw new IllegalArgumentException("event types disagree: " + names.size() + " names, " + ids.size()
                    + " ids, " + aliases.size() + " alias lists");
        }
        EventTypes types = new EventTypes();
        for (int code = 0; code < names.size(); code++) {
            types.names.add(names.get(code));
            types.ids.add(ids.get(code));
            types.aliases.add(new ArrayList<>(aliases.get(code)));
            if (ids.get(code) != NO_ID) {
                types.codeById.put(ids.get(code).longValue(), code);
            }
        }
        for (Map.Entry<String, Integer> e : nameIndex.entrySet()) {
            if (e.getValue() < 0 || e.getValue() >= names.size()) {
                throw new IllegalArgumentException("name '" + e.getKey() + "' points at type " + e.getValue()
                        + " of " + names.size());
            }
            types.codeByName.put(e.getKey(), e.getValue().intValue());
        }
        return types;
    }

    /** A copy to extend (a refresh) while readers of this one go on. */
    public synchronized EventTypes copy() {
        return restore(names, ids, aliases, codeByName);
    }

    /** The name → code index (lower-case keys), for writing a snapshot. */
    public synchronized Map<String, Integer> nameIndex() {
        return new TreeMap<>(codeByName);
    }

    /** Defines (or renames) the type with this external id; returns its code. */
    public synchronized int define(long id, String name, List<String> aliasList) {
        int code = codeById.get(id);
        if (code < 0) {
            code = newCode(id, name);
            codeById.put(id, code);
        } else {
            names.set(code, name);
        }
        indexName(name, code);
        List<String> own = aliases.get(code);
        for (String alias : aliasList) {
            if (alias != null && !alias.isBlank() && !own.contains(alias)) {
                own.add(alias);
                indexName(alias, code);
            }
        }
        return code;
    }

    /** The code for an external id, creating a type named after the id when the dictionary lacks it. */
    public int codeForId(long id) {
        int code = codeById.get(id);
        if (code >= 0) {
            return code;
        }
        synchronized (this) {
            return define(id, Long.toString(id), List.of());
        }
    }

    /** The code of a constant type such as {@code pay}, creating it if needed. */
    public synchronized int constant(String name) {
        int code = codeByName.getInt(key(name));
        if (code >= 0) {
            return code;
        }
        code = newCode(NO_ID, name);
        indexName(name, code);
        return code;
    }

    /** The code of a type by external id, or -1. */
    public int codeOfId(long id) {
        return codeById.get(id);
    }

    /** The code of a type by name or alias (case-insensitive), or by its external id written as digits; -1 if none. */
    public int codeOfName(String name) {
        return codeByName.getInt(key(name));
    }

    public int size() {
        return names.size();
    }

    public String name(int code) {
        return names.get(code);
    }

    public List<String> aliases(int code) {
        return Collections.unmodifiableList(aliases.get(code));
    }

    /** The external id of a type, or {@link #NO_ID} for a constant type. */
    public long externalId(int code) {
        return ids.get(code);
    }

    /** Every name and alias known, for "did you mean" suggestions. */
    public List<String> allNames() {
        List<String> all = new ArrayList<>();
        for (int code = 0; code < names.size(); code++) {
            all.add(names.get(code));
            all.addAll(aliases.get(code));
        }
        return all;
    }

    private int newCode(long id, String name) {
        if (names.size() >= MAX_TYPES) {
            throw new IllegalStateException("too many event types: at most " + MAX_TYPES + " are supported");
        }
        names.add(name);
        aliases.add(new ArrayList<>());
        ids.add(id);
        return names.size() - 1;
    }

    private void indexName(String name, int code) {
        codeByName.putIfAbsent(key(name), code);
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
