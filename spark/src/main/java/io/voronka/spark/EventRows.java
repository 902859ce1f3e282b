package io.voronka.spark;

import io.voronka.engine.config.DatabaseConfig;
import io.voronka.engine.config.SourceConfig;
import io.voronka.engine.config.SourceLocation;
import io.voronka.engine.config.UserKeyType;
import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.load.LoadException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.unix_seconds;

/**
 * The configured sources as one Spark table of events in a fixed shape, {@link #COLUMNS}: user key ({@code u}),
 * source index ({@code s}), epoch second ({@code t}), type id ({@code k}) or type name ({@code kn}), value
 * ({@code v}), then one text column per dimension ({@code d0, d1, …}). Parquet and JDBC tables are read by Spark;
 * times without a zone are read in the configured zone (the session's time zone).
 */
final class EventRows {
    static final int USER = 0;
    static final int SOURCE = 1;
    static final int TIME = 2;
    static final int TYPE_ID = 3;
    static final int TYPE_NAME = 4;
    static final int VALUE = 5;
    static final int FIRST_DIMENSION = 6;
    static final List<String> COLUMNS = List.of("u", "s", "t", "k", "kn", "v");

    private EventRows() {
    }

    /** The union of all sources in the fixed shape; {@code dimensions} lists every source's dimensions once. */
    static Dataset<Row> read(SparkSession spark, VoronkaConfig config, List<String> dimensions) {
        Dataset<Row> all = null;
        for (int s = 0; s < config.sources().size(); s++) {
            Dataset<Row> one = shaped(spark, config, s, dimensions);
            all = all == null ? one : all.unionAll(one);
        }
        return all;
    }

    /** Every dimension name of the sources, in the order the in-memory loader registers them. */
    static List<String> dimensions(VoronkaConfig config) {
        List<String> names = new ArrayList<>();
        for (SourceConfig s : config.sources()) {
            for (String d : s.dimensions()) {
                if (names.stream().noneMatch(d::equalsIgnoreCase)) {
                    names.add(d);
                }
            }
        }
        return names;
    }

    /** A table or Parquet files as Spark reads them, the row filter applied; CSV files are refused by name. */
    static Dataset<Row> table(SparkSession spark, VoronkaConfig config, String label, SourceLocation location) {
        return location.accept(new SourceLocation.Visitor<>() {
            @Override
            public Dataset<Row> table(SourceLocation.Table table) {
                DatabaseConfig db = config.database();
                DataFrameReader jdbc = spark.read().format("jdbc").option("url", db.url())
                        .option("dbtable", table.name()).option("fetchsize", "10000");
                if (!db.user().isEmpty()) {
                    jdbc = jdbc.option("user", db.user());
                }
                if (!db.password().isEmpty()) {
                    jdbc = jdbc.option("password", db.password());
                }
                return filtered(jdbc.load(), table.filter());
            }

            @Override
            public Dataset<Row> csvFile(SourceLocation.CsvFile file) {
                throw new LoadException(label + ": the Spark backend reads Parquet files and tables, not the CSV file "
                        + file.path() + "; write it as Parquet (e.g. with DuckDB: COPY (FROM 'x.csv') TO 'x.parquet')");
            }

            @Override
            public Dataset<Row> parquetFiles(SourceLocation.ParquetFiles files) {
                return filtered(spark.read().parquet(files.path().toString()), files.filter());
            }
        });
    }

    private static Dataset<Row> filtered(Dataset<Row> df, String filter) {
        return filter == null ? df : df.where(filter);
    }

    private static Dataset<Row> shaped(SparkSession spark, VoronkaConfig config, int index, List<String> dimensions) {
        SourceConfig source = config.sources().get(index);
        String label = source.label();
        Dataset<Row> df = table(spark, config, label, source.location());
        List<Column> select = new ArrayList<>();
        select.add(userKey(column(df, label, source.user(), "user"), config.userKey()).as("u"));
        select.add(lit(index).as("s"));
        select.add(epochSeconds(column(df, label, source.time(), "time"), label, source.time()).as("t"));
        if (source.type().isConstant()) {
            select.add(lit(null).cast(DataTypes.LongType).as("k"));
            select.add(lit(null).cast(DataTypes.StringType).as("kn"));
        } else {
            StructField type = column(df, label, source.type().column(), "type");
            boolean text = type.dataType() instanceof StringType;
            if (!text && !(type.dataType() instanceof NumericType)) {
                throw new LoadException(label + ": type column '" + type.name() + "' is " + type.dataType().simpleString()
                        + "; event types are integer ids or text names");
            }
            select.add(text ? lit(null).cast(DataTypes.LongType).as("k") : col(type.name()).cast(DataTypes.LongType).as("k"));
            select.add(text ? col(type.name()).as("kn") : lit(null).cast(DataTypes.StringType).as("kn"));
        }
        if (source.value() == null) {
            select.add(lit(null).cast(DataTypes.DoubleType).as("v"));
        } else {
            StructField value = column(df, label, source.value(), "value");
            if (!(value.dataType() instanceof NumericType)) {
                throw new LoadException(label + ": value column '" + value.name() + "' is "
                        + value.dataType().simpleString() + ", not a number");
            }
            select.add(col(value.name()).cast(DataTypes.DoubleType).as("v"));
        }
        for (int d = 0; d < dimensions.size(); d++) {
            String name = dimensions.get(d);
            String own = source.dimensions().stream().filter(name::equalsIgnoreCase).findFirst().orElse(null);
            Column c = own == null ? lit(null).cast(DataTypes.StringType)
                    : col(column(df, label, own, "dimension").name()).cast(DataTypes.StringType);
            select.add(c.as("d" + d));
        }
        return df.select(select.toArray(new Column[0]));
    }

    /** A column of the table by name (case-insensitive), or an error naming the source, the role and the columns. */
    static StructField column(Dataset<Row> df, String label, String name, String role) {
        for (StructField f : df.schema().fields()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new LoadException(label + ": " + role + " column '" + name + "' is not in the table (columns: "
                + String.join(", ", Arrays.asList(df.columns())) + ")");
    }

    private static Column userKey(StructField user, UserKeyType kind) {
        Column c = col(user.name());
        return switch (kind) {
            case INT64 -> c.cast(DataTypes.LongType);
            case UINT64 -> c.cast(new DecimalType(20, 0));
            case TEXT -> c.cast(DataTypes.StringType);
            case UUID -> lower(c.cast(DataTypes.StringType));
        };
    }

    /** Epoch seconds of a time column: instants as they are, local timestamps and dates in the session's zone. */
    static Column epochSeconds(StructField time, String label, String name) {
        DataType type = time.dataType();
        Column c = col(time.name());
        if (type instanceof TimestampType) {
            return unix_seconds(c);
        }
        if (type instanceof TimestampNTZType || type instanceof DateType || type instanceof StringType) {
            return unix_seconds(c.cast(DataTypes.TimestampType));
        }
        if (type instanceof NumericType) {
            return c.cast(DataTypes.LongType);
        }
        throw new LoadException(label + ": time column '" + name + "' is " + type.simpleString()
                + "; expected a timestamp, a date or epoch seconds");
    }
}
