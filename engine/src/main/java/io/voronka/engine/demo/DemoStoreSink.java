package io.voronka.engine.demo;

import io.voronka.engine.load.ZoneOffsetTable;
import io.voronka.engine.store.CostTable;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.StoreBuilder;
import io.voronka.engine.store.UserKeyKind;

/**
 * Puts the demo CRM straight into a {@link StoreBuilder}, exactly as the shipped {@code config/seed-crm.yaml}
 * would load it from PostgreSQL: sources {@code events} (type = event id; dimensions utm_source, device,
 * operator_group) and {@code payments} (type {@code pay}, value = amount, dimensions currency and product;
 * gifts left out as the config's filter does).
 */
public final class DemoStoreSink implements DemoSink {
    /**
     * Names the demo data of {@link #buildWithOtherSeeds}: part of a kept demo snapshot's fingerprint, so change it
     * whenever the generators' output changes (a cached demo of the old data is then regenerated, not served).
     */
    public static final String GENERATOR = "crm 1, call centre 1, afisha 1";
    private final StoreBuilder builder;
    private final ZoneOffsetTable zone = new ZoneOffsetTable(DemoCrm.ZONE);
    private final int events;
    private final int payments;
    private final int pay;
    private final int[] typeOfId = new int[64];
    private final int utm;
    private final int device;
    private final int group;
    private final int currency;
    private final int product;
    private final DemoCosts costs = new DemoCosts();

    public DemoStoreSink(StoreBuilder builder) {
        this.builder = builder;
        for (DemoEvent e : DemoEvent.values()) {
            typeOfId[e.id()] = builder.types().define(e.id(), e.russianName(), e.aliases());
        }
        this.pay = builder.types().constant(DemoEvent.PAYMENT);
        this.events = builder.source("events");
        this.payments = builder.source("payments");
        this.utm = builder.dimension("utm_source");
        this.device = builder.dimension("device");
        this.group = builder.dimension("operator_group");
        this.currency = builder.dimension("currency");
        this.product = builder.dimension("product");
    }

    /** The demo data set of about {@code events} rows as a store (with its marketing spend), in the demo's zone. */
    public static EventStore build(long seed, long events, int threads) {
        StoreBuilder builder = new StoreBuilder(UserKeyKind.INT64, DemoCrm.ZONE);
        builder.reserve(events);
        DemoStoreSink sink = new DemoStoreSink(builder);
        new DemoCrm(seed, events).generate(sink);
        builder.costs(sink.costs());
        return builder.build(threads);
    }

    /**
     * The demo CRM plus the other seeds' data sets for other users: seed 004's call centre (one client per 100 CRM
     * rows) and the Afisha-like visits and orders (one visitor per 50 CRM rows; the spend stays the CRM's, per
     * utm_source), so the seed questions in docs/query-language.md run on {@code voronka demo}.
     */
    public static EventStore buildWithOtherSeeds(long seed, long events, int threads) {
        StoreBuilder builder = new StoreBuilder(UserKeyKind.INT64, DemoCrm.ZONE);
        builder.reserve(events + events / 50);
        DemoStoreSink sink = new DemoStoreSink(builder);
        new DemoCrm(seed, events).generate(sink);
        new DemoCallCentre(seed, (int) Math.max(100, Math.min(1_000_000, events / 100))).addTo(builder);
        new DemoAfisha(seed, (int) Math.max(100, Math.min(2_000_000, events / 50))).addTo(builder);
        return builder.build(threads).withCosts(sink.costs());
    }

    /** Spend per ad source and day for the requests seen so far (what the PostgreSQL costs table holds). */
    public CostTable costs() {
        return costs.table();
    }

    @Override
    public void event(long user, int eventId, long localSecond, String utmSource, String deviceName,
                      String operatorGroup) {
        int row = builder.append(events, builder.users().internLong(user), typeOfId[eventId],
                zone.epochSecond(localSecond));
        if (utmSource != null) {
            costs.request(utmSource, localSecond);
            builder.dimensionValue(row, utm, builder.dimensionAt(utm).intern(utmSource));
        }
        if (deviceName != null) {
            builder.dimensionValue(row, device, builder.dimensionAt(device).intern(deviceName));
        }
        if (operatorGroup != null) {
            builder.dimensionValue(row, group, builder.dimensionAt(group).intern(operatorGroup));
        }
    }

    @Override
    public void payment(long user, long transactionId, long localSecond, String currencyCode, long amountKopecks,
                        boolean gift, String productName) {
        if (gift) {
            return;
        }
        int row = builder.append(payments, builder.users().internLong(user), pay, zone.epochSecond(localSecond));
        builder.value(row, amountKopecks / 100.0);
        builder.dimensionValue(row, currency, builder.dimensionAt(currency).intern(currencyCode));
        builder.dimensionValue(row, product, builder.dimensionAt(product).intern(productName));
    }
}
