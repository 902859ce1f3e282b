package io.voronka.engine.load.postgres;

import java.util.Locale;

/** The PostgreSQL column types the loader decodes, grouped by how their binary form is read. */
enum PgColumnType {
    INTEGER("smallint, integer or bigint"),
    FLOAT("real or double precision"),
    NUMERIC("numeric"),
    BOOL("boolean"),
    TEXT("text, varchar or char"),
    UUID("uuid"),
    TIMESTAMP("timestamp"),
    TIMESTAMPTZ("timestamptz"),
    DATE("date"),
    OTHER("another type");

    final String description;

    PgColumnType(String description) {
        this.description = description;
    }

    /** From {@code ResultSetMetaData.getColumnTypeName}. */
    static PgColumnType of(String typeName) {
        switch (typeName.toLowerCase(Locale.ROOT)) {
            case "int2":
            case "int4":
            case "int8":
            case "serial":
            case "bigserial":
            case "smallserial":
                return INTEGER;
            case "float4":
            case "float8":
                return FLOAT;
            case "numeric":
                return NUMERIC;
            case "bool":
                return BOOL;
            case "text":
            case "varchar":
            case "bpchar":
            case "name":
                return TEXT;
            case "uuid":
                return UUID;
            case "timestamp":
                return TIMESTAMP;
            case "timestamptz":
                return TIMESTAMPTZ;
            case "date":
                return DATE;
            default:
                return OTHER;
        }
    }
}
