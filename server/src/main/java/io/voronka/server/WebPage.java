package io.voronka.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;

import java.util.Map;

/**
 * The web page at {@code /}: static files from the jar's {@code web/} folder, ECharts from its WebJar under
 * {@code /webjars}, and the headers that keep the page to its own scripts. The page needs no token; the data it
 * shows comes from {@code /api/*}, which does.
 */
final class WebPage {
    /**
     * Only the page's own scripts run (no inline script, no eval, nothing from elsewhere). Inline styles stay
     * allowed: ECharts positions its tooltips with style attributes.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private WebPage() {
    }

    static void install(JavalinConfig cfg) {
        cfg.staticFiles.enableWebjars();
        cfg.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/web";
            files.location = Location.CLASSPATH;
            // the page's files change with the jar; the WebJar's paths carry their version and are cached long
            files.headers = Map.of("Cache-Control", "no-cache");
        });
        cfg.routes.before(WebPage::secure);
    }

    private static void secure(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
    }
}
