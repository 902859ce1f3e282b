package io.voronka.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load generator for the HTTP API, run as a second process: {@code clients} threads post the seed funnel for
 * {@code seconds} and report latency percentiles and errors. {@code --vary} gives every request its own one-week
 * entry range, so no two requests are the same question (defeats the result cache).
 * <pre>java -cp bench/target/benchmarks.jar io.voronka.bench.HttpLoad http://127.0.0.1:8080 [clients] [seconds] [--vary]</pre>
 */
public final class HttpLoad {
    private HttpLoad() {
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        boolean vary = Arrays.asList(args).contains("--vary");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong counter = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                while (System.nanoTime() < end) {
                    String query = "3 > 4|13 > 7 > pay within 14d";
                    if (vary) {
                        LocalDate from = LocalDate.of(2020, 4, 1).plusDays(counter.getAndIncrement() % 300);
                        query += " from " + from + " to " + from.plusDays(6);
                    }
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/query"))
                            .POST(HttpRequest.BodyPublishers.ofString(query)).build();
                    long t = System.nanoTime();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    latencies.add(System.nanoTime() - t);
                    if (response.statusCode() == 503) {
                        refused.incrementAndGet();
                    } else if (response.statusCode() != 200) {
                        errors.incrementAndGet();
                    }
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : futures) {
            all.addAll(f.get());
        }
        pool.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%d clients, %d s%s: %d requests (%.1f/s), %d errors, %d refused (503), p50 %.1f"
                        + " ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", clients, seconds,
                vary ? ", a different week each request" : "", sorted.length, sorted.length / (double) seconds,
                errors.get(), refused.get(), pct(sorted, 0.5), pct(sorted, 0.9),
                pct(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
