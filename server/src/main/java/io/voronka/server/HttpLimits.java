package io.voronka.server;

import java.time.Duration;

/**
 * How much the HTTP server takes on at once (issue 11): Jetty's threads and accept queue, requests served at once
 * (more get 503 at once; {@code /api/health} is never refused), how long reading one request may take, how long a
 * connection may sit idle, and the bytes the result cache may hold.
 */
public record HttpLimits(int connectionThreads, int acceptQueue, int maxConcurrentRequests, Duration requestReadTime,
                         Duration idleTimeout, long resultCacheBytes) {
    public HttpLimits {
        if (connectionThreads < 8 || acceptQueue < 0 || maxConcurrentRequests < 1
                || maxConcurrentRequests > connectionThreads - 4 || requestReadTime.isNegative()
                || idleTimeout.isNegative() || resultCacheBytes < 0) {
            throw new IllegalArgumentException("HTTP limits out of range: " + connectionThreads + " threads, "
                    + maxConcurrentRequests + " concurrent requests (at most threads - 4), accept queue " + acceptQueue);
        }
    }

    /** 200 threads, 1024 queued connections, 128 requests at once, 10 s to read a request, 30 s idle, 256 MB cache. */
    public static HttpLimits defaults() {
        return new HttpLimits(200, 1024, 128, Duration.ofSeconds(10), Duration.ofSeconds(30),
                Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8));
    }

    public HttpLimits withMaxConcurrentRequests(int n) {
        return new HttpLimits(connectionThreads, acceptQueue, n, requestReadTime, idleTimeout, resultCacheBytes);
    }

    public HttpLimits withRequestReadTime(Duration time) {
        return new HttpLimits(connectionThreads, acceptQueue, maxConcurrentRequests, time, idleTimeout,
                resultCacheBytes);
    }
}
