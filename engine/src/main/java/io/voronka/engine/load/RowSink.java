package io.voronka.engine.load;

import io.voronka.engine.config.SourceConfig;
import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventTypes;
import io.voronka.engine.store.SkipReason;
import io.voronka.engine.store.StoreBuilder;
import io.voronka.engine.store.UserKeyKind;
import io.voronka.engine.store.UserKeys;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where every {@link SourceReader} puts a source's rows: it maps them into the {@link StoreBuilder} the same way
 * for every kind of source. Per row, a reader calls at most one setter per field (user, time, type, value, each
 * dimension), in any order, then {@link #endRow()}; a field whose setter was not called is NULL.
 *
 * <p>At {@link #endRow()} a row with a NULL user, time or type (when the type is a column) or an unusable user key
 * is counted under its {@link SkipReason}; otherwise its user key is interned, its type resolved through the
 * dictionary (ids, names and aliases; an unknown name becomes a new type) and it is appended with its value and
 * dimension values. Keys and types of skipped rows are never interned. Progress is reported every 2^18 rows.
 *
 * <p>Primitive and allocation-free per row (beyond the strings a reader decodes). One per source; single-threaded.
 */
public final class RowSink {
    private static final int PROGRESS_EVERY = (1 << 18) - 1;
    /** A decimal number with a fraction that is not all zeros. */
    private static final Pattern FRACTION = Pattern.compile("[-+]?\\d*\\.\\d*[1-9]\\d*");
    private static final long NO_TIME = Long.MIN_VALUE;

    private static final byte USER_NULL = 0;
    private static final byte USER_BITS = 1;
    private static final byte USER_TEXT = 2;
    private static final byte USER_INVALID = 3;
    private static final byte USER_FRACTION = 4;

    private static final byte TYPE_NULL = 0;
    private static final byte TYPE_CONSTANT = 1;
    private static final byte TYPE_ID = 2;
    private static final byte TYPE_NAME = 3;
    private static final byte TYPE_TEXT = 4;

    private final StoreBuilder builder;
    private final SourceConfig source;
    private final ZoneOffsetTable zone;
    private final LoadProgress progress;
    private final UserKeys users;
    private final EventTypes types;
    private final UserKeyKind keyKind;
    private final int sourceIndex;
    private final byte typeUnset;
    private final int constantType;
    private final int[] dimensionIndex;
    private final Dimension[] dimensions;

    private long rows;
    private byte userState;
    private long userBits;
    private String userText;
    private long second = NO_TIME;
    private int nanos;
    private byte typeState;
    private long typeId;
    private String typeName;
    private double value = Double.NaN;
    private final String[] dimensionValues;

    /** Registers the source (its name, whether it keeps duplicates, its dimensions) with the builder. */
    public RowSink(StoreBuilder builder, SourceConfig source, ZoneOffsetTable zone, LoadProgress progress) {
        this.builder = builder;
        this.source = source;
        this.zone = zone;
        this.progress = progress;
        this.users = builder.users();
        this.types = builder.types();
        this.keyKind = users.kind();
        this.sourceIndex = builder.source(source.name());
        builder.keepDuplicates(sourceIndex, !source.dedupe());
        this.typeUnset = source.type().isConstant() ? TYPE_CONSTANT : TYPE_NULL;
        this.constantType = source.type().isConstant() ? types.constant(source.type().constant()) : -1;
        int count = source.dimensions().size();
        this.dimensionIndex = new int[count];
        this.dimensions = new Dimension[count];
        this.dimensionValues = new String[count];
        for (int d = 0; d < count; d++) {
            dimensionIndex[d] = builder.dimension(source.dimensions().get(d));
            dimensions[d] = builder.dimensionAt(dimensionIndex[d]);
        }
        this.typeState = typeUnset;
    }

    /** The store's kind of user key (readers of exact numbers convert to it, see {@link #userKeyBits}). */
    public UserKeyKind keyKind() {
        return keyKind;
    }

    /** The configured time zone, for readers that convert wall-clock times themselves. */
    public ZoneOffsetTable zone() {
        return zone;
    }

    /** A hint: about this many rows will follow (e.g. a table's estimated row count). */
    public void reserve(long expectedRows) {
        builder.reserve(expectedRows);
        progress.expected(source.name(), expectedRows);
    }

    /** The user as a signed integer; a negative one cannot be a key of a uint64 store. */
    public void userInteger(long key) {
        userState = keyKind == UserKeyKind.UINT64 && key < 0 ? USER_INVALID : USER_BITS;
        userBits = key;
    }

    /** The user as a 64-bit key already in the store's kind ({@link #keyKind()}: signed, or unsigned bits). */
    public void userKeyBits(long bits) {
        userState = USER_BITS;
        userBits = bits;
    }

    /**
     * The user as text, stripped of surrounding blanks ({@code char(n)} padding, spaces in a CSV cell); text that
     * does not parse as the store's kind of key skips the row. Integer stores take a whole number written with a
     * zero fraction ({@code 100.00}) as that integer.
     */
    public void userText(String key) {
        userState = USER_TEXT;
        userText = key.strip();
    }

    /** The user field is a number with a fraction ({@code 100.5}): no key; counted apart from other bad keys. */
    public void userFraction() {
        userState = USER_FRACTION;
    }

    /** The user field holds a value that cannot be a key of this store (e.g. a fraction, or out of range). */
    public void userInvalid() {
        userState = USER_INVALID;
    }

    /** The time as an instant: seconds since 1970-01-01T00:00Z. */
    public void time(long epochSecond) {
        second = epochSecond;
    }

    /**
     * The time as an instant with its fraction of a second (0..999,999,999 ns): the fraction tells rows in the same
     * second apart when duplicates are dropped; the store keeps whole seconds.
     */
    public void time(long epochSecond, int nanosOfSecond) {
        second = epochSecond;
        nanos = nanosOfSecond;
    }

    /** The time as a wall-clock time in the configured zone: seconds since 1970-01-01T00:00 local. */
    public void localTime(long localSecond) {
        second = zone.epochSecond(localSecond);
    }

    /** A wall-clock time with its fraction of a second, see {@link #time(long, int)}. */
    public void localTime(long localSecond, int nanosOfSecond) {
        second = zone.epochSecond(localSecond);
        nanos = nanosOfSecond;
    }

    /** The type as a dictionary id. */
    public void typeId(long id) {
        typeState = TYPE_ID;
        typeId = id;
    }

    /** The type as a name or alias. */
    public void typeName(String name) {
        typeState = TYPE_NAME;
        typeName = name;
    }

    /** The type as text from an untyped format: an integer is a dictionary id, anything else a name. */
    public void typeText(String text) {
        typeState = TYPE_TEXT;
        typeName = text;
    }

    /** The row's numeric value (NaN = none). */
    public void value(double v) {
        value = v;
    }

    /** The value of the {@code d}-th configured dimension. */
    public void dimension(int d, String dimensionValue) {
        dimensionValues[d] = dimensionValue;
    }

    /** Ends the row: appends it to the store or counts why it is skipped, and resets every field to NULL. */
    public void endRow() {
        final long n = ++rows;
        SkipReason skip = userState == USER_NULL ? SkipReason.NULL_USER
                : userState == USER_INVALID ? SkipReason.BAD_USER_KEY
                : userState == USER_FRACTION ? SkipReason.FRACTIONAL_USER_KEY
                : second == NO_TIME ? SkipReason.NULL_TIME
                : typeState == TYPE_NULL ? SkipReason.NULL_TYPE : null;
        if (skip == null) {
            int user = userState == USER_BITS ? users.internLong(userBits) : internText(userText);
            if (user < 0) {
                builder.skip(sourceIndex, FRACTION.matcher(userText).matches() ? SkipReason.FRACTIONAL_USER_KEY
                        : SkipReason.BAD_USER_KEY);
            } else {
                int row = builder.append(sourceIndex, user, typeCode(), second, nanos);
                if (row >= 0) {
                    keep(row);
                }
            }
        } else {
            builder.skip(sourceIndex, skip);
        }
        userState = USER_NULL;
        userText = null;
        second = NO_TIME;
        nanos = 0;
        typeState = typeUnset;
        typeName = null;
        value = Double.NaN;
        if (dimensionValues.length > 0) {
            Arrays.fill(dimensionValues, null);
        }
        if ((n & PROGRESS_EVERY) == 0) {
            progress.rows(source.name(), n);
        }
    }

    /** Reports the final row count; returns it. */
    public long finish() {
        progress.rows(source.name(), rows);
        return rows;
    }

    private void keep(int row) {
        if (!Double.isNaN(value)) {
            builder.value(row, value);
        }
        final String[] values = dimensionValues;
        for (int d = 0; d < values.length; d++) {
            if (values[d] != null) {
                builder.dimensionValue(row, dimensionIndex[d], dimensions[d].intern(values[d]));
            }
        }
    }

    /** A text key; -1 when an integer-keyed store cannot parse it. */
    private int internText(String key) {
        try {
            return users.internText(key);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private int typeCode() {
        try {
            return resolvedType();
        } catch (IllegalStateException full) {
            throw tooManyTypes(full);
        }
    }

    /** The dictionary is full (codes are {@code short}): the type column is likely the wrong column. */
    private LoadException tooManyTypes(IllegalStateException full) {
        String what = source.type().isConstant() ? "the constant type '" + source.type().constant() + "'"
                : "type column '" + source.type().column() + "'";
        return new LoadException(String.format(Locale.ROOT, "%s: %s brings more than %,d distinct event types, the"
                + " most a store holds; is it the right column (an event id or name, not a session or row id)?",
                source.label(), what, EventTypes.MAX_TYPES), full);
    }

    private int resolvedType() {
        switch (typeState) {
            case TYPE_CONSTANT:
                return constantType;
            case TYPE_ID:
                return types.codeForId(typeId);
            case TYPE_NAME:
                return codeOfName(typeName);
            default:
                return isId(typeName) ? types.codeForId(Long.parseLong(typeName)) : codeOfName(typeName);
        }
    }

    /** A type named by text: a dictionary name or alias, else a new type of that name. */
    private int codeOfName(String name) {
        int code = types.codeOfName(name);
        return code >= 0 ? code : types.constant(name);
    }

    /** An optionally negative run of at most 18 digits (so it fits a long). */
    private static boolean isId(String text) {
        boolean integer = !text.isEmpty() && text.length() <= 18;
        for (int i = 0; i < text.length() && integer; i++) {
            char c = text.charAt(i);
            integer = (c >= '0' && c <= '9') || (i == 0 && c == '-' && text.length() > 1);
        }
        return integer;
    }
}
