package io.voronka.server;

import io.javalin.http.Context;
import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a request body within the server's bounds (issue 11): at most {@code max_request_bytes} (too_large beyond),
 * and within {@code request_read_ms} from the first read (timeout when a client trickles it slower); each blocking read
 * waits at most the connection's idle timeout, so a stalled client cannot hold a thread for long.
 */
final class RequestBody {
    private RequestBody() {
    }

    static String read(Context ctx, ServerSettings settings) {
        long max = settings.maxRequestBytes();
        long limitNanos = settings.limits().requestReadTime().toNanos();
        long start = System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = ctx.req().getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                if (out.size() > max) {
                    throw tooLarge(ctx, settings, in, "request body larger than " + max + " bytes");
                }
                if (System.nanoTime() - start > limitNanos) {
                    throw slow(settings);
                }
            }
        } catch (IOException e) {
            // Jetty's idle timeout ends a stalled read with an IOException
            throw slow(settings);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The 413 for a body over the limit, after reading and dropping what is left of it (at most
     * {@value #DRAINED_BYTES} bytes, within the read time): a server that answers and closes while the client is
     * still sending makes the client's TCP stack reset the connection, and the client never sees the answer.
     */
    static VoronkaException tooLarge(Context ctx, ServerSettings settings, InputStream in, String message) {
        long deadline = System.nanoTime() + settings.limits().requestReadTime().toNanos();
        byte[] buffer = new byte[8192];
        long drained = 0;
        try {
            int n;
            while (drained < DRAINED_BYTES && System.nanoTime() < deadline && (n = in.read(buffer)) >= 0) {
                drained += n;
            }
        } catch (IOException e) {
            // the client stopped sending: nothing left to drop
        }
        ctx.header("Connection", "close");
        return new VoronkaException(ErrorKind.TOO_LARGE, message);
    }

    /** The most of an oversized body read and dropped so that its client can read the 413. */
    static final long DRAINED_BYTES = 16L << 20;

    /** {@link #tooLarge} for a request whose declared length is over the limit, before reading any of it. */
    static VoronkaException tooLarge(Context ctx, ServerSettings settings, String message) {
        try {
            return tooLarge(ctx, settings, ctx.req().getInputStream(), message);
        } catch (IOException e) {
            ctx.header("Connection", "close");
            return new VoronkaException(ErrorKind.TOO_LARGE, message);
        }
    }

    private static VoronkaException slow(ServerSettings settings) {
        return new VoronkaException(ErrorKind.TIMEOUT, "the request body did not arrive within "
                + settings.limits().requestReadTime().toMillis() + " ms (http.request_read_ms)");
    }
}
