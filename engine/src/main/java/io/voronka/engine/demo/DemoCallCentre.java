package io.voronka.engine.demo;

import io.voronka.engine.load.ZoneOffsetTable;
import io.voronka.engine.store.StoreBuilder;

import java.util.SplittableRandom;

/**
 * A deterministic call centre (seed 004): clients get calls from operators (each in a group of a department, with a
 * zodiac sign), a call is about a product and ends with a status ({@code success}, {@code no_answer},
 * {@code refused}, {@code callback}) and a duration in seconds; some successful calls end in a sale (value: the
 * price). Operators, products, weekdays and hours differ in success and sale rates, so breakdowns have real
 * differences to find, and one small group is there to show why {@code min N} matters.
 *
 * <p>Times are local wall-clock seconds in {@link DemoCrm#ZONE} over the CRM's year. Same seed, same rows.
 */
public final class DemoCallCentre {
    public static final long FIRST_CLIENT = 70_000_000L;
    static final String[] DEPARTMENTS = {"Sales North", "Sales South", "Retention"};
    static final String[] GROUPS = {"N1", "N2", "S1", "S2", "R1", "R2"};
    static final String[] PRODUCTS = {"Basic", "Plus", "Family"};
    /** How well each group's operators talk; the last group is tiny and looks best by chance and skill. */
    private static final double[] GROUP_SKILL = {0.9, 1.1, 0.8, 1.0, 1.3, 1.6};
    private static final double[] PRODUCT_PRICE = {990, 1990, 3490};
    private static final double[] PRODUCT_SALE = {0.45, 0.33, 0.22};
    static final String[] ZODIAC = {"Aries", "Taurus", "Gemini", "Cancer", "Leo", "Virgo", "Libra", "Scorpio",
            "Sagittarius", "Capricorn", "Aquarius", "Pisces"};
    /** Operators per group; group R2 is tiny (one operator who works rarely). */
    private static final int OPERATORS_PER_GROUP = 4;
    private static final long DAY = 86_400;

    /** Receives the rows. Null strings are SQL NULLs. */
    public interface Sink {
        void call(long client, long localSecond, String operator, String group, String department, String zodiac,
                  String product, String status, int durationSeconds);

        void sale(long client, long localSecond, String product, double amount);
    }

    private final long seed;
    private final int clients;

    public DemoCallCentre(long seed, int clients) {
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be >= 1, was " + clients);
        }
        this.seed = seed;
        this.clients = clients;
    }

    /** The operator's name: group and number, e.g. {@code N1-3}. */
    static String operator(int group, int index) {
        return GROUPS[group] + "-" + (index + 1);
    }

    /** Streams every row; returns the number of rows. */
    public long generate(Sink sink) {
        long rows = 0;
        long first = DemoCrm.FIRST_DAY.toEpochDay() * DAY;
        int days = (int) (DemoCrm.LAST_DAY.toEpochDay() - DemoCrm.FIRST_DAY.toEpochDay() + 1);
        for (int c = 0; c < clients; c++) {
            SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + c);
            long client = FIRST_CLIENT + c;
            int product = r.nextInt(PRODUCTS.length);
            long day = r.nextInt(days);
            int calls = 1 + r.nextInt(4);
            for (int k = 0; k < calls && day < days; k++) {
                int group = r.nextInt(GROUPS.length);
                if (group == GROUPS.length - 1 && r.nextDouble() < 0.9) {
                    group = r.nextInt(GROUPS.length - 1);
                }
                int index = group == GROUPS.length - 1 ? 0 : r.nextInt(OPERATORS_PER_GROUP);
                String operator = operator(group, index);
                int department = group / 2;
                String zodiac = ZODIAC[(group * OPERATORS_PER_GROUP + index) % ZODIAC.length];
                long dayStart = first + day * DAY;
                int weekday = Math.floorMod(Math.floorDiv(dayStart, DAY) + 3, 7);
                int hour = 9 + r.nextInt(11);
                long at = dayStart + hour * 3600L + r.nextInt(3600);
                double skill = GROUP_SKILL[group] * (0.85 + 0.1 * index);
                double timing = (weekday >= 5 ? 0.75 : 1.0) * (hour >= 18 ? 0.8 : hour <= 10 ? 1.1 : 1.0);
                double u = r.nextDouble();
                double reached = 0.6 * timing;
                String status;
                int duration;
                if (u >= reached) {
                    status = "no_answer";
                    duration = r.nextInt(35);
                } else if (r.nextDouble() < Math.min(0.95, 0.45 * skill)) {
                    status = "success";
                    duration = 120 + (int) (-150 * Math.log(1 - r.nextDouble())) + 30 * product;
                } else if (r.nextDouble() < 0.5) {
                    status = "callback";
                    duration = 40 + (int) (-80 * Math.log(1 - r.nextDouble()));
                } else {
                    status = "refused";
                    duration = 20 + (int) (-60 * Math.log(1 - r.nextDouble()));
                }
                sink.call(client, at, operator, GROUPS[group], DEPARTMENTS[department], zodiac, PRODUCTS[product],
                        status, duration);
                rows++;
                if (status.equals("success") && r.nextDouble() < PRODUCT_SALE[product] * skill) {
                    sink.sale(client, at + duration + 60 + r.nextInt(1800), PRODUCTS[product], PRODUCT_PRICE[product]);
                    rows++;
                }
                day += 1 + r.nextInt(20);
            }
        }
        return rows;
    }

    /**
     * Adds the calls and sales to a store as a {@code calls.yaml}-style configuration would load them: source
     * {@code calls} (type {@code call}, value = duration, dimensions operator, operator_group, department, zodiac,
     * product, status) and source {@code sales} (type {@code sale}, value = amount, dimension product).
     */
    public long addTo(StoreBuilder builder) {
        ZoneOffsetTable zone = new ZoneOffsetTable(DemoCrm.ZONE);
        int calls = builder.source("calls");
        int sales = builder.source("sales");
        int call = builder.types().constant("call");
        int sale = builder.types().constant("sale");
        int[] dims = {builder.dimension("operator"), builder.dimension("operator_group"),
                builder.dimension("department"), builder.dimension("zodiac"), builder.dimension("product"),
                builder.dimension("status")};
        int product = dims[4];
        return generate(new Sink() {
            @Override
            public void call(long client, long localSecond, String operator, String group, String department,
                             String zodiac, String productName, String status, int durationSeconds) {
                int row = builder.append(calls, builder.users().internLong(client), call, zone.epochSecond(localSecond));
                builder.value(row, durationSeconds);
                String[] values = {operator, group, department, zodiac, productName, status};
                for (int i = 0; i < dims.length; i++) {
                    builder.dimensionValue(row, dims[i], builder.dimensionAt(dims[i]).intern(values[i]));
                }
            }

            @Override
            public void sale(long client, long localSecond, String productName, double amount) {
                int row = builder.append(sales, builder.users().internLong(client), sale, zone.epochSecond(localSecond));
                builder.value(row, amount);
                builder.dimensionValue(row, product, builder.dimensionAt(product).intern(productName));
            }
        });
    }
}
