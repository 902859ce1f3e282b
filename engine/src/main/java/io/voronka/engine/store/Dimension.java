package io.voronka.engine.store;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A named dimension (ad source, device, operator group) and the dictionary of its values. */
public final class Dimension {
    private final String name;
    private final Object2IntOpenHashMap<String> codes = new Object2IntOpenHashMap<>();
    private final List<String> values = new ArrayList<>();

    Dimension(String name) {
        this.name = name;
        codes.defaultReturnValue(-1);
    }

    /** A dimension with the values it had when it was written (a snapshot), codes in list order. */
    public static Dimension of(String name, List<String> values) {
        Dimension d = new Dimension(name);
        for (String v : values) {
            d.intern(v);
        }
        if (d.size() != values.size()) {
            throw new IllegalArgumentException("dimension '" + name + "' lists a value twice");
        }
        return d;
    }

    public String name() {
        return name;
    }

    /** The code of a value, adding it when new. */
    public synchronized int intern(String value) {
        int code = codes.getInt(value);
        if (code >= 0) {
            return code;
        }
        code = values.size();
        codes.put(value, code);
        values.add(value);
        return code;
    }

    /** The code of a value, or -1 if no event has it. */
    public int codeOf(String value) {
        return codes.getInt(value);
    }

    public String value(int code) {
        return values.get(code);
    }

    public int size() {
        return values.size();
    }

    public List<String> values() {
        return Collections.unmodifiableList(values);
    }
}
