package io.voronka.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.eval.Deadline;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.snapshot.Watermark;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.EventTypes;
import io.voronka.engine.store.SkipReason;
import io.voronka.engine.store.SourceReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTTP API (README, "HTTP API"). Every answer is JSON (charts are PNG); every error is JSON
 * {@code {error, kind, ...}} with the status of its kind ({@link ApiError#status}), and never a stack trace: an
 * unexpected exception answers 500 with an incident id that the log holds with the stack trace. With a token
 * configured, every endpoint wants {@code Authorization: Bearer}.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final QueryService queries;
    private final ReportService reports;
    private final ServerSettings settings;
    private final String token;
    private final Javalin app;
    private final ClientWatch clients = new ClientWatch();

    /** The dimension summary of the store it was counted on; counted again after a reload. */
    private volatile DimensionsOf dimensions;

    private record DimensionsOf(LoadedStore store, DimensionSummary summary) {
    }

    /** @param token the bearer token every request must carry, or null for none */
    public HttpApi(QueryService queries, ReportService reports, ServerSettings settings, String token) {
        this.queries = queries;
        this.reports = reports;
        this.settings = settings;
        this.token = token == null || token.isEmpty() ? null : token;
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.startupWatcherEnabled = false;
            cfg.http.maxRequestSize = settings.maxRequestBytes();
            cfg.http.prefer405over404 = true;
            JettyEdges.configure(cfg, settings);
            WebPage.install(cfg);
            cfg.routes.before(this::guard);
            cfg.routes.get(JettyEdges.HEALTH, this::health);
            cfg.routes.get("/api/query", ctx -> query(ctx, ctx.queryParam("q")));
            cfg.routes.post("/api/query", ctx -> query(ctx, bodyQuery(ctx, settings)));
            cfg.routes.get("/api/query.png", this::queryChart);
            cfg.routes.get("/api/explain", ctx -> explain(ctx, ctx.queryParam("q")));
            cfg.routes.post("/api/explain", ctx -> explain(ctx, bodyQuery(ctx, settings)));
            cfg.routes.get("/api/dimensions", this::dimensions);
            cfg.routes.get("/api/events", this::events);
            cfg.routes.get("/api/sources", this::sources);
            cfg.routes.post("/api/reload", this::reload);
            cfg.routes.post("/api/refresh", this::refresh);
            cfg.routes.get("/api/reports", this::reportList);
            cfg.routes.get("/api/reports/{name}", this::report);
            cfg.routes.exception(ApiError.class, (e, ctx) -> error(ctx, e));
            cfg.routes.exception(VoronkaException.class, (e, ctx) -> error(ctx, e.kind() == ErrorKind.INTERNAL
                    ? incident(ctx, e) : ApiError.of(e)));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus() >= 500
                    ? incident(ctx, e) : new ApiError(e.getStatus(), ErrorKind.USER.label(), e.getMessage())));
            cfg.routes.exception(Exception.class, (e, ctx) -> error(ctx, incident(ctx, e)));
            cfg.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty() || !ctx.result().startsWith("{")) {
                    error(ctx, new ApiError(404, ErrorKind.NOT_FOUND.label(), "no such endpoint: " + ctx.method()
                            + " " + ctx.path()));
                }
            });
            cfg.routes.error(405, ctx -> {
                String allow = allowed(ctx.path());
                ctx.header("Allow", allow);
                error(ctx, new ApiError(405, ErrorKind.USER.label(), "method " + ctx.method() + " is not allowed on "
                        + ctx.path() + "; allowed: " + allow));
            });
            cfg.routes.error(413, ctx -> error(ctx, new ApiError(413, ErrorKind.TOO_LARGE.label(),
                    "request body larger than " + settings.maxRequestBytes() + " bytes")));
        });
    }

    public HttpApi start() {
        app.start();
        return this;
    }

    /** The methods each path answers (for 405's {@code Allow}); HEAD and OPTIONS are not served. */
    private static String allowed(String path) {
        if (path.equals("/api/query")) {
            return "GET, POST";
        }
        return path.equals("/api/reload") ? "POST" : "GET";
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        clients.close();
    }

    private void guard(Context ctx) {
        if (ctx.contentLength() > settings.maxRequestBytes()) {
            throw RequestBody.tooLarge(ctx, settings, "request body of " + ctx.contentLength()
                    + " bytes is larger than the limit of " + settings.maxRequestBytes());
        }
        if (token == null || !ctx.path().startsWith("/api/")) {
            return;
        }
        String header = ctx.header("Authorization");
        String given = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : "";
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiError(401, "unauthorized", header == null ? "missing 'Authorization: Bearer <token>' header"
                    : "the bearer token is not valid");
        }
    }

    private static ApiError incident(Context ctx, Exception e) {
        return ApiError.internal(Incident.log(LOG, ctx.method() + " " + ctx.path(), e));
    }

    private static void error(Context ctx, ApiError e) {
        ctx.status(e.status());
        if (e.retryAfterSeconds() > 0) {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        json(ctx, e.json());
    }

    /** Renders an answer as {@code /api/query} does and drops it: the warm-up's second phase ({@link WarmStart}). */
    static void renderForWarmUp(QueryResult result) {
        try {
            JSON.writeValueAsString(ResultJson.of(result));
        } catch (JsonProcessingException | RuntimeException e) {
            // a warm-up that cannot render only leaves the first answer slower
        }
    }

    private static void json(Context ctx, Object body) {
        try {
            ctx.contentType("application/json; charset=utf-8").result(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new VoronkaException(ErrorKind.INTERNAL, "cannot write JSON", e);
        }
    }

    /** The body is the query text, or JSON {"q": "..."} when sent as application/json. */
    private static String bodyQuery(Context ctx, ServerSettings settings) {
        String body = RequestBody.read(ctx, settings);
        String type = ctx.contentType();
        if (type != null && type.startsWith("application/json")) {
            try {
                JsonNode node = JSON.readTree(body);
                if (node == null || !node.hasNonNull("q")) {
                    throw new ApiError(400, ErrorKind.USER.label(), "a JSON body needs a \"q\" field with the query text");
                }
                JsonNode q = node.get("q");
                if (!q.isTextual()) {
                    throw new ApiError(400, ErrorKind.USER.label(), "\"q\" must be a string with the query text, was "
                            + q.getNodeType().name().toLowerCase(Locale.ROOT) + " " + abbreviated(q.toString()));
                }
                return q.asText();
            } catch (JsonProcessingException e) {
                throw new ApiError(400, ErrorKind.USER.label(), "the body is not valid JSON: " + e.getOriginalMessage());
            }
        }
        return body;
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    private void query(Context ctx, String text) {
        if (text == null || text.isBlank()) {
            throw new ApiError(400, ErrorKind.USER.label(), "send the query text as the body or as parameter q");
        }
        QueryService.Answer answer = watched(ctx, text);
        json(ctx, answer.explained() ? explained(answer) : resultWithWarnings(answer));
    }

    /** Answers {@code text}; a client that goes away cancels its query (issue 11) instead of leaving the CPU working. */
    private QueryService.Answer watched(Context ctx, String text) {
        Deadline deadline = queries.deadline();
        try (ClientWatch.Watched watch = clients.watch(ctx, deadline)) {
            QueryService.Answer answer = queries.answer(text, deadline);
            if (watch.sentAhead()) {
                ctx.header("Connection", "close");
            }
            return answer;
        }
    }

    private static Map<String, Object> resultWithWarnings(QueryService.Answer answer) {
        Map<String, Object> out = ResultJson.of(answer.result());
        if (!answer.warnings().isEmpty()) {
            out.put("warnings", answer.warnings());
        }
        return out;
    }

    /** The same as {@code /api/query} with {@code explain} in front of the text (added when missing). */
    private void explain(Context ctx, String text) {
        if (text == null || text.isBlank()) {
            throw new ApiError(400, ErrorKind.USER.label(), "send the query text as the body or as parameter q");
        }
        String stripped = text.strip();
        boolean hasKeyword = stripped.regionMatches(true, 0, "explain", 0, 7)
                && (stripped.length() == 7 || Character.isWhitespace(stripped.charAt(7)));
        json(ctx, explained(watched(ctx, hasKeyword ? stripped : "explain " + stripped)));
    }

    private static Map<String, Object> explained(QueryService.Answer answer) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("result", resultWithWarnings(answer));
        out.put("explain", ExplainJson.of(answer));
        return out;
    }

    /** The server's PNG chart of a query's result, titled with the query; {@code chart} is bar (default) or line. */
    private void queryChart(Context ctx) {
        String text = ctx.queryParam("q");
        if (text == null || text.isBlank()) {
            throw new ApiError(400, ErrorKind.USER.label(), "send the query text as parameter q");
        }
        String chart = ctx.queryParam("chart") == null ? "bar" : ctx.queryParam("chart");
        if (!chart.equals("bar") && !chart.equals("line")) {
            throw new ApiError(400, ErrorKind.USER.label(), "chart must be bar or line, not '" + chart + "'");
        }
        ctx.contentType("image/png").result(ChartRenderer.png(text.strip(), queries.run(text), chart));
    }

    private void dimensions(Context ctx) {
        LoadedStore loaded = queries.stores().current();
        DimensionsOf cached = dimensions;
        if (cached == null || cached.store() != loaded) {
            cached = new DimensionsOf(loaded, queries.backend().dimensions(loaded));
            dimensions = cached;
        }
        json(ctx, cached.summary());
    }

    private void health(Context ctx) {
        LoadedStore loaded = queries.stores().current();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "ok");
        out.putAll(holding(loaded));
        out.put("loadedAt", loaded.loadedAt().toString());
        out.put("origin", loaded.origin());
        out.putAll(freshness(loaded));
        json(ctx, out);
    }

    /**
     * Which backend holds the data ({@code heap}, {@code spark}), its events and users, and what else it says about
     * itself under its own name (Spark: master, partitions, events and users per partition).
     */
    private Map<String, Object> holding(LoadedStore loaded) {
        QueryBackend.Holding holding = queries.backend().holding(loaded);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("backend", holding.backend());
        out.put("events", holding.events());
        out.put("users", holding.users());
        if (!holding.details().isEmpty()) {
            out.put(holding.backend(), new TreeMap<>(holding.details()));
        }
        return out;
    }

    /** When the data was read, how new it is, and per source with a watermark how far it was read. */
    static Map<String, Object> freshness(LoadedStore loaded) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dataAsOf", loaded.dataAsOf() == null ? null : loaded.dataAsOf().toString());
        out.put("refreshedAt", loaded.readAt().toString());
        List<Object> marks = new ArrayList<>();
        for (Watermark w : loaded.watermarks()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", w.source());
            m.put("column", w.column());
            m.put("watermark", w.value());
            m.put("rowsRead", w.rowsRead());
            m.put("rowsAdded", w.rowsAdded());
            marks.add(m);
        }
        out.put("watermarks", marks);
        return out;
    }

    private void events(Context ctx) {
        EventTypes types = queries.stores().current().store().types();
        List<Object> out = new ArrayList<>();
        for (int code = 0; code < types.size(); code++) {
            Map<String, Object> e = new LinkedHashMap<>();
            long id = types.externalId(code);
            e.put("id", id == EventTypes.NO_ID ? null : id);
            e.put("name", types.name(code));
            e.put("aliases", types.aliases(code));
            out.add(e);
        }
        json(ctx, Map.of("events", out));
    }

    private void sources(Context ctx) {
        LoadedStore loaded = queries.stores().current();
        EventStore store = loaded.store();
        List<Object> out = new ArrayList<>();
        for (SourceReport r : store.report()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("source", r.source());
            s.put("read", r.read());
            s.put("kept", r.kept());
            Map<String, Long> dropped = new LinkedHashMap<>();
            for (SkipReason reason : SkipReason.values()) {
                if (r.dropped(reason) > 0) {
                    dropped.put(reason.name().toLowerCase(), r.dropped(reason));
                }
            }
            s.put("dropped", dropped);
            s.put("users", r.users());
            if (r.unmatchedUsers() >= 0) {
                s.put("unmatchedUsers", r.unmatchedUsers());
            }
            r.warning().ifPresent(w -> s.put("warning", w));
            s.put("seconds", r.seconds());
            for (Watermark w : loaded.watermarks()) {
                if (w.source().equals(r.source())) {
                    s.put("watermark", w.value());
                    s.put("rowsReadLastRefresh", w.rowsRead());
                    s.put("eventsAddedLastRefresh", w.rowsAdded());
                }
            }
            out.add(s);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sources", out);
        body.putAll(holding(loaded));
        if (queries.backend() == QueryBackend.heap()) {
            body.put("bytesPerEvent", store.eventCount() == 0 ? 0 : (double) store.columnBytes() / store.eventCount());
        }
        body.put("timezone", store.zone().getId());
        body.put("loadedAt", loaded.loadedAt().toString());
        body.put("refreshedAt", loaded.readAt().toString());
        json(ctx, body);
    }

    private void reload(Context ctx) {
        StoreHolder stores = queries.stores();
        if (!stores.canReload()) {
            throw new VoronkaException(ErrorKind.CONFLICT, "this server runs on generated demo data: nothing to reload");
        }
        LoadedStore fresh = stores.reload(force(ctx));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "reloaded");
        out.putAll(holding(fresh));
        out.put("loadedAt", fresh.loadedAt().toString());
        json(ctx, out);
    }

    /** {@code ?force=true} or the JSON body {@code {"force": true}}; an empty body is no force. */
    private static boolean force(Context ctx) {
        if ("true".equals(ctx.queryParam("force"))) {
            return true;
        }
        String body = ctx.body().strip();
        if (body.isEmpty()) {
            return false;
        }
        JsonNode force;
        try {
            force = JSON.readTree(body).get("force");
        } catch (JsonProcessingException e) {
            throw VoronkaException.user("the reload body must be empty or JSON {\"force\": true}");
        }
        if (force != null && !force.isBoolean()) {
            throw VoronkaException.user("'force' must be true or false, was " + force);
        }
        return force != null && force.booleanValue();
    }

    private void refresh(Context ctx) {
        LoadedStore fresh = queries.stores().refresh(force(ctx));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "refreshed");
        out.putAll(holding(fresh));
        out.putAll(freshness(fresh));
        json(ctx, out);
    }

    private void reportList(Context ctx) {
        List<Object> out = new ArrayList<>();
        for (ReportDefinition d : reports.definitions()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", d.name());
            r.put("title", d.title());
            r.put("query", d.query());
            r.put("chart", d.chart());
            r.put("daily", d.daily());
            out.add(r);
        }
        json(ctx, Map.of("reports", out));
    }

    private void report(Context ctx) {
        String name = ctx.pathParam("name");
        if (name.endsWith(".png")) {
            RenderedReport r = reports.run(name.substring(0, name.length() - 4));
            ctx.contentType("image/png").result(r.png());
            return;
        }
        ReportDefinition d = reports.definition(name);
        RenderedReport r = reports.run(d.name());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", d.name());
        out.put("title", d.title());
        out.put("query", d.query());
        out.put("summary", r.summary());
        out.put("chart", "/api/reports/" + d.name() + ".png");
        out.put("result", ResultJson.of(r.result()));
        json(ctx, out);
    }
}
