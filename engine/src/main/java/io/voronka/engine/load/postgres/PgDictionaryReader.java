package io.voronka.engine.load.postgres;

import io.voronka.engine.config.DictionaryConfig;
import io.voronka.engine.load.LoadException;
import io.voronka.engine.store.EventTypes;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/** Reads the event dictionary table (id, name and alias columns) into the store's {@link EventTypes}. */
public final class PgDictionaryReader {
    private final Connection connection;

    public PgDictionaryReader(Connection connection) {
        this.connection = connection;
    }

    public void read(DictionaryConfig dictionary, EventTypes types) {
        String label = "dictionary";
        PgColumns columns = PgColumns.describe(connection, label, dictionary.table());
        List<String> select = new ArrayList<>();
        select.add(columns.checked(dictionary.id(), "id", EnumSet.of(PgColumnType.INTEGER)).quoted());
        select.add(columns.checked(dictionary.name(), "name", EnumSet.of(PgColumnType.TEXT)).quoted());
        for (String alias : dictionary.aliases()) {
            select.add(columns.checked(alias, "alias", EnumSet.of(PgColumnType.TEXT)).quoted());
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
                try {
                    types.define(id, name == null || name.isBlank() ? Long.toString(id) : name, aliases);
                } catch (IllegalStateException full) {
                    throw new LoadException(String.format(Locale.ROOT, "%s: table '%s' holds more than %,d event"
                            + " types, the most a store holds", label, dictionary.table(), EventTypes.MAX_TYPES), full);
                }
            }
        } catch (SQLException e) {
            throw new LoadException(label + ": reading table '" + dictionary.table() + "' failed: "
                    + PgDatabase.firstLine(e), e);
        }
    }
}
