package io.voronka.spark;

import io.voronka.engine.demo.DemoCosts;
import io.voronka.engine.demo.DemoCrm;
import io.voronka.engine.demo.DemoEvent;
import io.voronka.engine.demo.DemoSink;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Writes the demo CRM ({@link DemoCrm}) as Parquet in the seed schema, one folder per table, each split into part
 * files of {@value #ROWS_PER_PART} rows: {@code events/}, {@code payments/} (gifts included, as in the real data),
 * {@code events_dict/}, {@code costs/}; plus {@code voronka.yaml}, a configuration that reads them. Times are
 * local wall-clock timestamps without a zone (Parquet {@code TIMESTAMP(MICROS, isAdjustedToUTC=false)}), exactly
 * what the PostgreSQL {@code timestamp} columns of {@code generate --db} hold; amounts are {@code DECIMAL(12,2)}.
 * The same (seed, events) gives the same rows as the in-memory demo store and the PostgreSQL tables.
 */
public final class ParquetDemo {
    static final int ROWS_PER_PART = 1 << 20;
    static final String CONFIG_FILE = "voronka.yaml";

    private static final MessageType EVENTS = Types.buildMessage()
            .required(PrimitiveTypeName.INT32).named("event_id")
            .required(PrimitiveTypeName.INT64).named("_user_id")
            .required(PrimitiveTypeName.INT64).as(localTimestamp()).named("happened_at")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("utm_source")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("device")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("operator_group")
            .named("events");
    private static final MessageType PAYMENTS = Types.buildMessage()
            .required(PrimitiveTypeName.INT64).as(localTimestamp()).named("transaction_created_at")
            .required(PrimitiveTypeName.INT64).named("transaction_id")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("currency")
            .required(PrimitiveTypeName.INT64).named("_user_id")
            .required(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.decimalType(2, 12)).named("amount")
            .required(PrimitiveTypeName.BOOLEAN).named("is_gift")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("product")
            .named("payments");
    private static final MessageType DICTIONARY = Types.buildMessage()
            .required(PrimitiveTypeName.INT32).named("id")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("name")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("name_en")
            .named("events_dict");
    private static final MessageType COSTS = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("source")
            .required(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named("dt")
            .required(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.decimalType(2, 12)).named("amount")
            .named("costs");

    private ParquetDemo() {
    }

    /** {@code generate --parquet DIR [--events N]}: the demo CRM as Parquet with its configuration. */
    public static void main(String[] args) {
        Path dir = null;
        long events = 2_000_000;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "generate" -> { }
                    case "--parquet" -> dir = Path.of(args[++i]);
                    case "--events" -> events = Long.parseLong(args[++i].replace("_", ""));
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            if (dir == null) {
                throw new IllegalArgumentException("--parquet DIR is required");
            }
            long start = System.nanoTime();
            long rows = write(dir, new DemoCrm(42, events));
            System.out.printf(java.util.Locale.ROOT, "wrote %,d rows of the demo CRM as Parquet into %s in %.1f s;"
                    + " query it with --config %s%n", rows, dir, (System.nanoTime() - start) / 1e9,
                    dir.resolve(CONFIG_FILE));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            System.err.println("voronka: " + e.getMessage());
            System.err.println("usage: generate --parquet DIR [--events N]");
            System.exit(2);
        }
    }

    private static LogicalTypeAnnotation localTimestamp() {
        return LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS);
    }

    /** Writes the tables and the configuration into {@code dir} (replacing earlier ones); returns the rows of events+payments. */
    public static long write(Path dir, DemoCrm crm) {
        try {
            Files.createDirectories(dir);
            DemoCosts costs = new DemoCosts();
            long rows;
            try (PartedWriter events = new PartedWriter(dir.resolve("events"), EVENTS);
                 PartedWriter payments = new PartedWriter(dir.resolve("payments"), PAYMENTS)) {
                rows = crm.generate(new DemoSink() {
                    @Override
                    public void event(long user, int eventId, long localSecond, String utm, String device,
                                      String group) {
                        Group row = events.row().append("event_id", eventId).append("_user_id", user)
                                .append("happened_at", localSecond * 1_000_000L);
                        optional(row, "utm_source", utm);
                        optional(row, "device", device);
                        optional(row, "operator_group", group);
                        events.write(row);
                        if (utm != null) {
                            costs.request(utm, localSecond);
                        }
                    }

                    @Override
                    public void payment(long user, long transaction, long localSecond, String currency, long kopecks,
                                        boolean gift, String product) {
                        payments.write(payments.row().append("transaction_created_at", localSecond * 1_000_000L)
                                .append("transaction_id", transaction).append("currency", currency)
                                .append("_user_id", user).append("amount", kopecks).append("is_gift", gift)
                                .append("product", product));
                    }
                });
            }
            try (PartedWriter dictionary = new PartedWriter(dir.resolve("events_dict"), DICTIONARY)) {
                for (DemoEvent e : DemoEvent.values()) {
                    dictionary.write(dictionary.row().append("id", e.id()).append("name", e.russianName())
                            .append("name_en", e.alias()));
                }
            }
            try (PartedWriter spend = new PartedWriter(dir.resolve("costs"), COSTS)) {
                costs.forEach((source, epochDay, kopecks) -> spend.write(spend.row().append("source", source)
                        .append("dt", (int) epochDay).append("amount", kopecks)));
            }
            Files.writeString(dir.resolve(CONFIG_FILE), config(), StandardCharsets.UTF_8);
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("writing the demo CRM as Parquet into " + dir + " failed: " + e.getMessage(),
                    e);
        }
    }

    private static void optional(Group row, String field, String value) {
        if (value != null) {
            row.append(field, value);
        }
    }

    /** The configuration of the written folder: the demo CRM's sources over the Parquet tables beside it. */
    static String config() {
        return """
                # The demo CRM as Parquet, written by `generate --parquet`; paths are relative to this file.
                # Query it:  java -cp "voronka-spark.jar:$SPARK_HOME/jars/*" io.voronka.spark.SparkQuery \\
                #              --config voronka.yaml '3 > 4|13 > 7 > pay within 14d'
                timezone: Europe/Moscow
                users: { key: int64 }
                dictionary: { parquet: events_dict, id: id, name: name, aliases: [name_en] }
                sources:
                  - name: events
                    parquet: events
                    user: _user_id
                    time: happened_at
                    type: { column: event_id }
                    dimensions: [utm_source, device, operator_group]
                  - name: payments
                    parquet: payments
                    user: _user_id
                    time: transaction_created_at
                    type: { constant: pay }
                    value: amount
                    dimensions: [currency, product]
                    filter: "NOT is_gift"
                costs: { parquet: costs, time: dt, group: source, value: amount, dimension: utm_source }
                backend:
                  spark: { master: "local[*]", partitions: 8 }
                """;
    }

    /** A folder of part files, a new one every {@link #ROWS_PER_PART} rows. */
    private static final class PartedWriter implements AutoCloseable {
        private final Path dir;
        private final MessageType schema;
        private final SimpleGroupFactory groups;
        private ParquetWriter<Group> writer;
        private int part;
        private int inPart;

        PartedWriter(Path dir, MessageType schema) throws IOException {
            this.dir = dir;
            this.schema = schema;
            this.groups = new SimpleGroupFactory(schema);
            Files.createDirectories(dir);
            try (Stream<Path> old = Files.list(dir)) {
                for (Path p : (Iterable<Path>) old::iterator) {
                    if (p.getFileName().toString().endsWith(".parquet")) {
                        Files.delete(p);
                    }
                }
            }
        }

        Group row() {
            return groups.newGroup();
        }

        void write(Group row) {
            try {
                if (writer == null || inPart == ROWS_PER_PART) {
                    closePart();
                    writer = ExampleParquetWriter.builder(new LocalOutputFile(
                                    dir.resolve(String.format("part-%05d.parquet", part++))))
                            .withType(schema)
                            .withCompressionCodec(CompressionCodecName.SNAPPY)
                            .build();
                    inPart = 0;
                }
                writer.write(row);
                inPart++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void closePart() throws IOException {
            if (writer != null) {
                writer.close();
                writer = null;
            }
        }

        @Override
        public void close() throws IOException {
            closePart();
        }
    }
}
