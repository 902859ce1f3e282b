package io.voronka.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.voronka.engine.error.ErrorKind;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What Jetty itself does before and beside the routes (issue 11): threads and the accept queue sized from
 * {@link HttpLimits}, an idle timeout per connection, at most {@code max_concurrent_requests} requests served at
 * once (the rest answered 503 at once, so slow clients cannot take every thread) with {@code /api/health} always let
 * through, and JSON for the errors Jetty answers on its own (a 414 for a too-long URI, a 431, a bad request line).
 */
final class JettyEdges {
    static final String HEALTH = "/api/health";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JettyEdges() {
    }

    static void configure(JavalinConfig cfg, ServerSettings settings) {
        HttpLimits limits = settings.limits();
        QueuedThreadPool threads = new QueuedThreadPool(limits.connectionThreads(), 8);
        threads.setName("voronka-http");
        cfg.jetty.threadPool = threads;
        cfg.jetty.modifyServer(server -> {
            // Javalin puts its servlet context inside the innermost wrapper it finds here
            server.setHandler(new RequestLimit(limits.maxConcurrentRequests()));
            server.setErrorHandler(new JsonErrorHandler());
        });
        cfg.jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(settings.host());
            connector.setPort(settings.port());
            connector.setAcceptQueueSize(limits.acceptQueue());
            connector.setIdleTimeout(limits.idleTimeout().toMillis());
            return connector;
        });
    }

    /** The JSON body of an error Jetty answers itself. */
    static byte[] errorBody(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message == null || message.isBlank() ? HttpStatus.getMessage(status) : message);
        body.put("kind", status == HttpStatus.SERVICE_UNAVAILABLE_503 ? ErrorKind.UNAVAILABLE.label()
                : status == HttpStatus.URI_TOO_LONG_414 || status == HttpStatus.PAYLOAD_TOO_LARGE_413
                || status == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431 ? ErrorKind.TOO_LARGE.label()
                : status >= 500 ? ErrorKind.INTERNAL.label() : ErrorKind.USER.label());
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of two strings is always JSON", e);
        }
    }

    /** Counts requests in flight; above the limit answers 503 with Retry-After without taking a thread for long. */
    static final class RequestLimit extends Handler.Wrapper {
        private final int max;
        private final AtomicInteger inFlight = new AtomicInteger();

        RequestLimit(int max) {
            this.max = max;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (HEALTH.equals(Request.getPathInContext(request))) {
                return super.handle(request, response, callback);
            }
            if (inFlight.incrementAndGet() > max) {
                inFlight.decrementAndGet();
                response.setStatus(HttpStatus.SERVICE_UNAVAILABLE_503);
                response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
                response.write(true, ByteBuffer.wrap(errorBody(503, "the server is serving " + max
                        + " requests at once; retry in a second")), callback);
                return true;
            }
            AtomicBoolean released = new AtomicBoolean();
            Runnable release = () -> {
                if (released.compareAndSet(false, true)) {
                    inFlight.decrementAndGet();
                }
            };
            try {
                boolean handled = super.handle(request, response, new Callback() {
                    @Override
                    public void succeeded() {
                        release.run();
                        callback.succeeded();
                    }

                    @Override
                    public void failed(Throwable x) {
                        release.run();
                        callback.failed(x);
                    }

                    @Override
                    public InvocationType getInvocationType() {
                        return callback.getInvocationType();
                    }
                });
                if (!handled) {
                    release.run();
                }
                return handled;
            } catch (Exception | Error e) {
                release.run();
                throw e;
            }
        }
    }

    /** Errors Jetty answers before any route (bad request line, URI or headers too long) as JSON, never HTML. */
    static final class JsonErrorHandler extends ErrorHandler {
        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                     String contentType, List<Charset> charsets, int code,
                                                     String message, Throwable cause) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            response.write(true, ByteBuffer.wrap(errorBody(code, message)), callback);
            return true;
        }

        /** Jetty 12.1 still answers unparseable requests (a URI too long: 414) through this hook. */
        @Override
        @SuppressWarnings("removal")
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8"));
            return ByteBuffer.wrap(errorBody(status, reason));
        }
    }
}
