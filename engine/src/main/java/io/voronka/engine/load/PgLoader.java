package io.voronka.engine.load;

import io.voronka.engine.config.CostsConfig;
import io.voronka.engine.config.DatabaseConfig;
import io.voronka.engine.config.DictionaryConfig;
import io.voronka.engine.config.SourceConfig;
import io.voronka.engine.store.CostTable;
import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventTypes;
import io.voronka.engine.store.SkipReason;
import io.voronka.engine.store.StoreBuilder;
import io.voronka.engine.store.Times;
import io.voronka.engine.store.UserKeyKind;
import io.voronka.engine.store.UserKeys;
import org.postgresql.Driver;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads table sources and the event dictionary from PostgreSQL into a {@link StoreBuilder}.
 *
 * <p>Each source is first checked with {@code SELECT <columns> FROM <table> WHERE <filter> LIMIT 0}: the result
 * metadata picks a decoder per column, and a missing table or column or a column of the wrong type fails with
 * a one-line {@link LoadException} naming the source and the column. Then {@code COPY (SELECT ...) TO STDOUT
 * (FORMAT binary)} is streamed through a {@link CopyBinaryReader} straight into the builder: no object per
 * row except the strings of text keys, text types and dimension values.
 *
 * <p>Bytes come through {@link PGCopyInputStream} (pull): on 10M rows it moved bytes as fast as
 * {@code CopyManager.copyOut} into a null stream (2.64 s vs 2.65 s; see {@code LoadRateProbe}), and pull needs no
 * second thread or pipe between the socket and the parser.
 */
public final class PgLoader {
    private static final long NO_TIME = Long.MIN_VALUE;
    private static final int PROGRESS_EVERY = (1 << 18) - 1;
    private static final long MICROS = 1_000_000L;

    private final Connection connection;
    private final ZoneOffsetTable zone;
    private final LoadProgress progress;

    public PgLoader(Connection connection, ZoneOffsetTable zone, LoadProgress progress) {
        this.connection = connection;
        this.zone = zone;
        this.progress = progress;
    }

    /** Opens a connection; failure is a one-line {@link LoadException} naming host and port, not a stack trace. */
    public static Connection connect(DatabaseConfig db) {
        Properties props = new Properties();
        if (!db.user().isEmpty()) {
            props.setProperty("user", db.user());
        }
        if (!db.password().isEmpty()) {
            props.setProperty("password", db.password());
        }
        props.setProperty("connectTimeout", "10");
        props.setProperty("ApplicationName", "voronka-loader");
        try {
            return DriverManager.getConnection(db.url(), props);
        } catch (SQLException e) {
            throw new LoadException(connectionProblem(db, e));
        }
    }

    private static String connectionProblem(DatabaseConfig db, SQLException e) {
        Properties parsed = Driver.parseURL(db.url(), null);
        String where = parsed == null ? db.url()
                : parsed.getProperty("PGHOST", "localhost") + ":" + parsed.getProperty("PGPORT", "5432") + " (database "
                + parsed.getProperty("PGDBNAME", "?") + ")";
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String reason = root == e ? firstLine(e) : root.getClass().getSimpleName() + ": " + root.getMessage();
        if (state.startsWith("28")) {
            return "PostgreSQL at " + where + " refused user '" + db.user() + "': " + firstLine(e);
        }
        if (state.equals("3D000")) {
            return "PostgreSQL at " + where + ": " + firstLine(e);
        }
        return "cannot connect to PostgreSQL at " + where + ": " + reason;
    }

    /** Loads id, name and alias columns of the dictionary table into {@code types}. */
    public void loadDictionary(DictionaryConfig dictionary, EventTypes types) {
        String label = "dictionary";
        SourceColumns columns = describe(label, dictionary.table());
        List<String> select = new ArrayList<>();
        select.add(checked(columns, label, dictionary.id(), "id", EnumSet.of(PgColumnType.INTEGER)).quoted);
        select.add(checked(columns, label, dictionary.name(), "name", EnumSet.of(PgColumnType.TEXT)).quoted);
        for (String alias : dictionary.aliases()) {
            select.add(checked(columns, label, alias, "alias", EnumSet.of(PgColumnType.TEXT)).quoted);
        }
        String sql = "SELECT " + String.join(", ", select) + " FROM " + dictionary.table();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> aliases = new ArrayList<>();
            while (rs.next()) {
                long id = rs.getLong(1);
                if (rs.wasNull()) {
                    continue;
                }
                String name = rs.getString(2);
                aliases.clear();
                for (int a = 0; a < dictionary.aliases().size(); a++) {
                    aliases.add(rs.getString(3 + a));
                }
                types.define(id, name == null || name.isBlank() ? Long.toString(id) : name, aliases);
            }
        } catch (SQLException e) {
            throw new LoadException(label + ": reading table '" + dictionary.table() + "' failed: " + firstLine(e), e);
        }
    }

    /**
     * Reads marketing spend: {@code group::text, time::date, value::float8} of every row (the table is small: a row
     * per source per day). The date becomes its local midnight in the configured zone.
     */
    public CostTable loadCosts(CostsConfig costs) {
        String label = "costs";
        String sql = "SELECT (" + quoteIdent(costs.group()) + ")::text, (" + quoteIdent(costs.time()) + ")::date, ("
                + quoteIdent(costs.value()) + ")::float8 FROM " + costs.table()
                + (costs.filter() == null ? "" : " WHERE (" + costs.filter() + ")");
        CostTable.Builder table = new CostTable.Builder(costs.dimension());
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String group = rs.getString(1);
                java.sql.Date day = rs.getDate(2);
                double amount = rs.getDouble(3);
                if (group == null || day == null || rs.wasNull()) {
                    continue;
                }
                long local = day.toLocalDate().toEpochDay() * 86_400L;
                long epoch = zone.epochSecond(local);
                if (Times.fits(epoch)) {
                    table.add(group, Times.toStored(epoch), amount);
                }
            }
        } catch (SQLException e) {
            throw new LoadException(label + ": reading table '" + costs.table() + "' failed: " + firstLine(e), e);
        }
        return table.build();
    }

    private static String quoteIdent(String column) {
        return '"' + column.replace("\"", "\"\"") + '"';
    }

    /** Which decoder reads each selected column; the SQL selecting them in that order. */
    private record Plan(String select, PgColumnType user, PgColumnType time, PgColumnType type, PgColumnType value,
                        List<PgColumnType> dimensions) {
    }

    /** Checks and streams one table source into the builder; returns the rows read. */
    public long loadSource(SourceConfig source, StoreBuilder builder) {
        Plan plan = plan(source, builder.users().kind());
        reserve(source, builder);
        int sourceIndex = builder.source(source.name());
        String copy = "COPY (" + plan.select + ") TO STDOUT (FORMAT binary)";
        try (PGCopyInputStream in = new PGCopyInputStream(connection.unwrap(PGConnection.class), copy)) {
            return stream(new CopyBinaryReader(in), plan, source, sourceIndex, builder);
        } catch (SQLException | IOException e) {
            throw new LoadException(label(source) + ": reading table '" + source.table() + "' failed: " + firstLine(e), e);
        }
    }

    private Plan plan(SourceConfig source, UserKeyKind keyKind) {
        String label = label(source);
        SourceColumns columns = describe(label, source.table());
        Set<PgColumnType> userTypes = keyKind == UserKeyKind.TEXT
                ? EnumSet.of(PgColumnType.INTEGER, PgColumnType.NUMERIC, PgColumnType.TEXT, PgColumnType.UUID)
                : EnumSet.of(PgColumnType.INTEGER, PgColumnType.NUMERIC, PgColumnType.TEXT);
        Column user = checked(columns, label, source.user(), "user", userTypes);
        Column time = checked(columns, label, source.time(), "time",
                EnumSet.of(PgColumnType.TIMESTAMP, PgColumnType.TIMESTAMPTZ, PgColumnType.DATE));
        List<String> select = new ArrayList<>(List.of(user.quoted, time.quoted));
        PgColumnType type = null;
        if (!source.type().isConstant()) {
            Column column = checked(columns, label, source.type().column(), "type",
                    EnumSet.of(PgColumnType.INTEGER, PgColumnType.TEXT));
            select.add(column.quoted);
            type = column.type;
        }
        PgColumnType value = null;
        if (source.value() != null) {
            Column column = checked(columns, label, source.value(), "value",
                    EnumSet.of(PgColumnType.INTEGER, PgColumnType.FLOAT, PgColumnType.NUMERIC));
            select.add(column.quoted);
            value = column.type;
        }
        List<PgColumnType> dimensions = new ArrayList<>();
        for (String dimension : source.dimensions()) {
            Column column = checked(columns, label, dimension, "dimension", EnumSet.of(PgColumnType.INTEGER,
                    PgColumnType.NUMERIC, PgColumnType.BOOL, PgColumnType.TEXT, PgColumnType.UUID));
            select.add(column.quoted);
            dimensions.add(column.type);
        }
        String sql = "SELECT " + String.join(", ", select) + " FROM " + source.table()
                + (source.filter() == null ? "" : " WHERE (" + source.filter() + ")");
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql + " LIMIT 0")) {
            assert rs.getMetaData().getColumnCount() == select.size();
        } catch (SQLException e) {
            throw new LoadException(label + (source.filter() == null ? ": cannot select from table '" + source.table()
                    + "': " : ": filter '" + source.filter() + "' is invalid: ") + firstLine(e), e);
        }
        return new Plan(sql, user.type, time.type, type, value, dimensions);
    }

    /** A configured column found in the table: its name quoted for SQL, and its decoder. */
    private record Column(String quoted, PgColumnType type) {
    }

    /** Resolves a configured column and checks its type against {@code allowed}. */
    private Column checked(SourceColumns columns, String label, String column, String role, Set<PgColumnType> allowed) {
        int index = columns.resolve(column, role);
        PgColumnType type = PgColumnType.of(columns.typeName(index));
        if (!allowed.contains(type)) {
            throw new LoadException(label + ": " + role + " column '" + columns.name(index) + "' has type "
                    + columns.typeName(index) + "; expected " + allowed.stream().map(t -> t.description)
                    .collect(Collectors.joining(", ")));
        }
        return new Column('"' + columns.name(index).replace("\"", "\"\"") + '"', type);
    }

    private SourceColumns describe(String label, String table) {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table + " LIMIT 0")) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> names = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                names.add(meta.getColumnName(c));
                types.add(meta.getColumnTypeName(c));
            }
            return new SourceColumns(label, "table " + table, names, types);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                throw new LoadException(label + ": table '" + table + "' does not exist", e);
            }
            throw new LoadException(label + ": cannot read table '" + table + "': " + firstLine(e), e);
        }
    }

    /** Pre-sizes the builder from the planner's row estimate (an upper bound for filtered sources). */
    private void reserve(SourceConfig source, StoreBuilder builder) {
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?)")) {
            st.setString(1, source.table());
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next() && rs.getLong(1) > 0) {
                    builder.reserve(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            // only a sizing hint: the builder grows as needed
        }
    }

    private long stream(CopyBinaryReader r, Plan plan, SourceConfig source, int sourceIndex, StoreBuilder builder)
            throws IOException {
        r.readHeader();
        final UserKeys users = builder.users();
        final EventTypes types = builder.types();
        final UserKeyKind keyKind = users.kind();
        final PgColumnType userType = plan.user;
        final PgColumnType timeType = plan.time;
        final PgColumnType typeType = plan.type;
        final PgColumnType valueType = plan.value;
        final int constantType = typeType == null ? types.constant(source.type().constant()) : -1;
        final int dimensionCount = plan.dimensions.size();
        final PgColumnType[] dimensionTypes = plan.dimensions.toArray(new PgColumnType[0]);
        final int[] dimensionIndex = new int[dimensionCount];
        final Dimension[] dimensions = new Dimension[dimensionCount];
        for (int d = 0; d < dimensionCount; d++) {
            dimensionIndex[d] = builder.dimension(source.dimensions().get(d));
            dimensions[d] = builder.dimensionAt(dimensionIndex[d]);
        }
        final String name = source.name();
        long rows = 0;
        while (r.nextTuple() >= 0) {
            rows++;
            // user: decoded to a raw key now (the buffer moves on), interned only once the row is kept
            boolean userNull = r.nextField() < 0;
            long userBits = 0;
            String userText = null;
            boolean userValid = true;
            if (!userNull) {
                switch (userType) {
                    case INTEGER:
                        userBits = r.int64();
                        userValid = keyKind != UserKeyKind.UINT64 || userBits >= 0;
                        break;
                    case NUMERIC:
                        if (keyKind == UserKeyKind.TEXT) {
                            userText = r.numericText();
                        } else {
                            userBits = r.numericLong(keyKind == UserKeyKind.UINT64);
                            userValid = r.conversionValid();
                        }
                        break;
                    case UUID:
                        userText = r.uuid();
                        break;
                    default:
                        userText = r.text();
                }
            }
            long second = r.nextField() < 0 ? NO_TIME : epochSecond(r, timeType);
            int type = constantType;
            long typeId = 0;
            String typeName = null;
            if (typeType != null) {
                if (r.nextField() < 0) {
                    type = -2;
                } else if (typeType == PgColumnType.INTEGER) {
                    typeId = r.int64();
                } else {
                    typeName = r.text();
                }
            }
            double value = Double.NaN;
            if (valueType != null && r.nextField() >= 0) {
                value = valueType == PgColumnType.INTEGER ? r.int64()
                        : valueType == PgColumnType.FLOAT ? r.float64() : r.numericDouble();
            }
            int row = -1;
            SkipReason skip = userNull ? SkipReason.NULL_USER : !userValid ? SkipReason.BAD_USER_KEY
                    : second == NO_TIME ? SkipReason.NULL_TIME : type == -2 ? SkipReason.NULL_TYPE : null;
            if (skip == null) {
                int user = userText == null ? users.internLong(userBits) : internText(users, userText);
                if (user < 0) {
                    skip = SkipReason.BAD_USER_KEY;
                } else {
                    if (typeType != null) {
                        type = typeName == null ? types.codeForId(typeId) : codeOfName(types, typeName);
                    }
                    row = builder.append(sourceIndex, user, type, second);
                }
            }
            if (skip != null) {
                builder.skip(sourceIndex, skip);
            }
            if (row >= 0 && !Double.isNaN(value)) {
                builder.value(row, value);
            }
            for (int d = 0; d < dimensionCount; d++) {
                if (r.nextField() >= 0 && row >= 0) {
                    builder.dimensionValue(row, dimensionIndex[d], dimensions[d].intern(text(r, dimensionTypes[d])));
                }
            }
            if ((rows & PROGRESS_EVERY) == 0) {
                progress.rows(name, rows);
            }
        }
        progress.rows(name, rows);
        return rows;
    }

    private long epochSecond(CopyBinaryReader r, PgColumnType timeType) {
        switch (timeType) {
            case TIMESTAMPTZ:
                return Math.floorDiv(r.int64(), MICROS) + Times.EPOCH;
            case TIMESTAMP:
                return zone.epochSecond(Math.floorDiv(r.int64(), MICROS) + Times.EPOCH);
            default: // DATE: days since 2000-01-01, midnight in the zone
                return zone.epochSecond(r.int64() * 86_400L + Times.EPOCH);
        }
    }

    /** A text key; -1 when an integer-keyed store cannot parse it. */
    static int internText(UserKeys users, String key) {
        try {
            return users.internText(key);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** A type named in a text column: a dictionary name or alias, else a new type of that name. */
    static int codeOfName(EventTypes types, String name) {
        int code = types.codeOfName(name);
        return code >= 0 ? code : types.constant(name);
    }

    private static String text(CopyBinaryReader r, PgColumnType type) {
        switch (type) {
            case INTEGER:
                return Long.toString(r.int64());
            case NUMERIC:
                return r.numericText();
            case BOOL:
                return Boolean.toString(r.bool());
            case UUID:
                return r.uuid();
            default:
                return r.text();
        }
    }

    private static String label(SourceConfig source) {
        return "source '" + source.name() + "'";
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.startsWith("ERROR: ") ? line.substring(7) : line;
    }
}
