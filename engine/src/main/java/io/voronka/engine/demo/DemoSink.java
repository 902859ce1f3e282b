package io.voronka.engine.demo;

/**
 * Receives the demo CRM's rows in generation order. Times are local wall-clock seconds since
 * 1970-01-01T00:00 in {@link DemoCrm#ZONE} (as a {@code timestamp without time zone} column holds them).
 * Null strings are SQL NULLs.
 */
public interface DemoSink {
    void event(long user, int eventId, long localSecond, String utmSource, String device, String operatorGroup);

    void payment(long user, long transactionId, long localSecond, String currency, long amountKopecks, boolean gift,
                 String product);
}
