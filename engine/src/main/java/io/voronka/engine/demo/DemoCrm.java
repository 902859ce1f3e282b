package io.voronka.engine.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A deterministic, realistic CRM of an English school (the journey of seeds 000/001): a request, a first-line
 * call task, a call answered or a WhatsApp message, an intro lesson booked (sometimes rescheduled or booked
 * without the first line), the methodologist joining, the intro lesson done, the second line, demo lessons,
 * payments (some gifts, some renewals), and about 0.5% exact duplicate event rows as in the real data.
 *
 * <p>Same (seed, size) gives the same rows in any JVM: each user's journey draws from its own generator seeded
 * from (seed, user index). Rows stream to a {@link DemoSink}; nothing is held in memory.
 */
public final class DemoCrm {
    public static final ZoneId ZONE = ZoneId.of("Europe/Moscow");
    /** The data ends on the day seed 000's report looks at. */
    public static final LocalDate LAST_DAY = LocalDate.of(2021, 3, 13);
    public static final LocalDate FIRST_DAY = LAST_DAY.minusDays(364);
    public static final long FIRST_USER_ID = 12_000_000L;

    static final String[] CHANNELS = {"yandex", "google", "vk", "instagram", "referral", "organic"};
    private static final double[] CHANNEL_SHARE = {0.30, 0.20, 0.18, 0.12, 0.08, 0.12};
    private static final double[] CHANNEL_QUALITY = {1.0, 0.9, 0.7, 0.8, 1.4, 1.1};
    /** Roubles spent per request brought, for the costs table. */
    static final double[] CHANNEL_COST_PER_REQUEST = {420, 460, 230, 300, 60, 0};
    static final String[] FIRST_LINE = {"1L Alpha", "1L Beta", "1L Gamma", "1L Delta"};
    private static final double[] FIRST_LINE_QUALITY = {1.15, 1.0, 0.9, 0.8};
    static final String[] SECOND_LINE = {"2L North", "2L South"};
    private static final double[] SECOND_LINE_QUALITY = {1.1, 0.9};
    static final String[] PRODUCTS = {"Start 8", "Standard 16", "Intensive 32", "Premium 64"};
    private static final long[] PRODUCT_KOPECKS = {7_990_00, 14_990_00, 27_990_00, 49_990_00};
    private static final double[] PRODUCT_SHARE = {0.35, 0.35, 0.2, 0.1};
    private static final double[] HOUR_WEIGHT = {0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.6, 1.0, 1.4, 1.6, 1.6, 1.5,
            1.5, 1.5, 1.5, 1.6, 1.7, 1.8, 1.9, 1.8, 1.4, 0.9, 0.5};
    private static final long DAY = 86_400;
    private static final long HOUR = 3_600;
    private static final long MINUTE = 60;

    private final long seed;
    private final long targetEvents;
    private final double[] dayCumulative;
    private final double[] hourCumulative;
    private final long firstLocalSecond;
    private final long endLocalSecond;

    /** @param targetEvents rows to generate (events and payments, duplicates included); generation stops there */
    public DemoCrm(long seed, long targetEvents) {
        if (targetEvents < 1) {
            throw new IllegalArgumentException("targetEvents must be >= 1, was " + targetEvents);
        }
        this.seed = seed;
        this.targetEvents = targetEvents;
        this.dayCumulative = cumulative(dayWeights());
        this.hourCumulative = cumulative(HOUR_WEIGHT);
        this.firstLocalSecond = FIRST_DAY.toEpochDay() * DAY;
        this.endLocalSecond = (LAST_DAY.toEpochDay() + 1) * DAY;
    }

    public long targetEvents() {
        return targetEvents;
    }

    /** Requests grow over the year and dip at weekends. */
    private static double[] dayWeights() {
        int days = (int) (LAST_DAY.toEpochDay() - FIRST_DAY.toEpochDay() + 1);
        double[] w = new double[days];
        for (int d = 0; d < days; d++) {
            DayOfWeek dow = FIRST_DAY.plusDays(d).getDayOfWeek();
            double weekday = dow == DayOfWeek.SATURDAY ? 0.7 : dow == DayOfWeek.SUNDAY ? 0.6 : 1.0;
            w[d] = (1.0 + 1.5 * d / days) * weekday;
        }
        return w;
    }

    private static double[] cumulative(double[] weights) {
        double[] c = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            c[i] = sum;
        }
        for (int i = 0; i < c.length; i++) {
            c[i] /= sum;
        }
        return c;
    }

    private static int pick(double[] cumulative, double u) {
        int i = Arrays.binarySearch(cumulative, u);
        return Math.min(cumulative.length - 1, i >= 0 ? i : -i - 1);
    }

    private static int pickShare(double[] shares, double u) {
        double acc = 0;
        for (int i = 0; i < shares.length; i++) {
            acc += shares[i];
            if (u < acc) {
                return i;
            }
        }
        return shares.length - 1;
    }

    /** Streams every row to the sink; returns the number of rows (events, payments, duplicates). */
    public long generate(DemoSink sink) {
        Journey journey = new Journey(sink);
        for (long user = 0; journey.rows < targetEvents; user++) {
            journey.run(user);
        }
        return journey.rows;
    }

    /** One user's journey; counts rows and cuts everything after the last day. */
    private final class Journey {
        private final DemoSink sink;
        private long rows;
        private long key;
        private SplittableRandom r;
        private String utm;
        private String device;

        Journey(DemoSink sink) {
            this.sink = sink;
        }

        void run(long index) {
            r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
            key = FIRST_USER_ID + index * 3 + r.nextInt(3);
            int channel = pickShare(CHANNEL_SHARE, r.nextDouble());
            utm = CHANNELS[channel];
            device = r.nextDouble() < 0.55 ? "mobile" : "desktop";
            double quality = CHANNEL_QUALITY[channel];
            int day = pick(dayCumulative, r.nextDouble());
            long request = firstLocalSecond + day * DAY + pick(hourCumulative, r.nextDouble()) * HOUR
                    + r.nextInt(3600);
            event(DemoEvent.REQUEST, request, null);
            if (r.nextDouble() < 0.12) {
                event(DemoEvent.REQUEST, request + DAY + r.nextLong(9 * DAY), null);
            }
            int first = r.nextInt(FIRST_LINE.length);
            String firstGroup = FIRST_LINE[first];
            event(DemoEvent.FIRST_LINE_TASK, request + 30 + r.nextInt(600), firstGroup);
            long booked = -1;
            boolean contacted = r.nextDouble() < Math.min(0.95, 0.62 * quality);
            if (contacted) {
                // an auto-reply in the same second as the request now and then: equal timestamps are real
                long contact = r.nextDouble() < 0.02 ? request
                        : request + Math.min(3 * HOUR, (long) (-40 * MINUTE * Math.log(1 - r.nextDouble())));
                boolean whatsapp = r.nextDouble() < 0.22;
                event(whatsapp ? DemoEvent.WHATSAPP : DemoEvent.FIRST_LINE_CALL, contact, firstGroup);
                if (!whatsapp && r.nextDouble() < 0.15) {
                    event(DemoEvent.WHATSAPP, contact + r.nextInt(1800), firstGroup);
                }
                if (r.nextDouble() < 0.55 * FIRST_LINE_QUALITY[first]) {
                    booked = contact + 60 + r.nextInt(1200);
                    event(DemoEvent.INTRO_BOOKED, booked, firstGroup);
                }
            } else if (r.nextDouble() < 0.10) {
                booked = request + HOUR + r.nextLong(4 * HOUR);
                event(DemoEvent.INTRO_BOOKED, booked, null);
            }
            if (booked >= 0) {
                lesson(booked, quality);
            }
        }

        private void lesson(long booked, double quality) {
            long lesson = startOfDay(booked) + (1 + r.nextInt(3)) * DAY + (10 + r.nextInt(10)) * HOUR;
            if (r.nextDouble() < 0.15) {
                event(DemoEvent.INTRO_BOOKED, lesson - (2 + r.nextInt(20)) * HOUR, null);
                lesson += (1 + r.nextInt(3)) * DAY;
            }
            if (r.nextDouble() >= 0.72) {
                return;
            }
            event(DemoEvent.METHODOLOGIST_JOINED, lesson, null);
            if (r.nextDouble() >= 0.85) {
                return;
            }
            long done = lesson + (40 + r.nextInt(20)) * MINUTE;
            event(DemoEvent.INTRO_DONE, done, null);
            boolean paid = false;
            if (r.nextDouble() < 0.22 * quality) {
                paid = pay(done + 10 * MINUTE + r.nextLong(3 * DAY));
            } else if (r.nextDouble() < 0.65) {
                int second = r.nextInt(SECOND_LINE.length);
                long task = done + HOUR + r.nextLong(5 * HOUR);
                event(DemoEvent.SECOND_LINE_TASK, task, SECOND_LINE[second]);
                if (r.nextDouble() < 0.7) {
                    long call = task + 5 * MINUTE + r.nextLong(DAY);
                    event(DemoEvent.SECOND_LINE_CALL, call, SECOND_LINE[second]);
                    if (r.nextDouble() < 0.32 * SECOND_LINE_QUALITY[second] * quality) {
                        paid = pay(call + HOUR + r.nextLong(7 * DAY));
                    }
                }
            }
            if (r.nextDouble() < 0.18) {
                long demo = done + (1 + r.nextInt(4)) * DAY;
                event(DemoEvent.DEMO_STARTED, demo, null);
                event(DemoEvent.DEMO_DONE, demo + (45 + r.nextInt(15)) * MINUTE, null);
                if (!paid && r.nextDouble() < 0.35) {
                    paid = pay(demo + HOUR + r.nextLong(5 * DAY));
                }
            }
        }

        /** A payment (and now and then a renewal); false when it falls after the data ends. */
        private boolean pay(long at) {
            if (at >= endLocalSecond) {
                return false;
            }
            payment(at);
            if (r.nextDouble() < 0.15) {
                long renewal = at + (20 + r.nextInt(40)) * DAY;
                if (renewal < endLocalSecond) {
                    payment(renewal);
                }
            }
            return true;
        }

        private void payment(long at) {
            int product = pickShare(PRODUCT_SHARE, r.nextDouble());
            long kopecks = PRODUCT_KOPECKS[product];
            double c = r.nextDouble();
            String currency = c < 0.96 ? "RUB" : c < 0.99 ? "USD" : "EUR";
            if (!currency.equals("RUB")) {
                kopecks = Math.round(kopecks / (currency.equals("USD") ? 74.0 : 89.0));
            }
            boolean gift = r.nextDouble() < 0.01;
            long transaction = key * 100 + rows % 100;
            sink.payment(key, transaction, at, currency, kopecks, gift, PRODUCTS[product]);
            rows++;
        }

        private void event(DemoEvent type, long at, String group) {
            if (at >= endLocalSecond) {
                return;
            }
            boolean request = type == DemoEvent.REQUEST;
            String u = request ? utm : null;
            String d = request ? device : null;
            sink.event(key, type.id(), at, u, d, group);
            rows++;
            if (r.nextDouble() < 0.005) {
                sink.event(key, type.id(), at, u, d, group);
                rows++;
            }
        }

        private long startOfDay(long localSecond) {
            return Math.floorDiv(localSecond, DAY) * DAY;
        }
    }
}
