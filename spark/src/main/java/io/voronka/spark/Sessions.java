package io.voronka.spark;

import org.apache.spark.sql.SparkSession;

import java.time.ZoneId;

/** Spark session settings every Voronka job uses. */
final class Sessions {
    private Sessions() {
    }

    /**
     * A session builder for {@code master} (kept when spark-submit already set one); times without a zone are read
     * in {@code zone}, as the in-memory loader reads them.
     */
    static SparkSession.Builder builder(String master, ZoneId zone) {
        SparkSession.Builder builder = SparkSession.builder().appName("voronka")
                .config("spark.sql.session.timeZone", zone.getId())
                .config("spark.ui.showConsoleProgress", "false");
        if (System.getProperty("spark.master") == null) {
            builder = builder.master(master);
        }
        return builder;
    }
}
