package io.voronka.server;

import io.voronka.engine.eval.ScanTrace.SegmentScan;
import io.voronka.engine.exec.Explanation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code explain} part of an HTTP answer (README, "HTTP API": field by field). */
final class ExplainJson {
    private ExplainJson() {
    }

    static Map<String, Object> of(QueryService.Answer outcome) {
        Explanation x = outcome.explanation();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("threads", outcome.threads());
        out.put("users", x.users());
        out.put("events", x.events());
        out.put("usersVisited", x.usersVisited());
        out.put("eventsVisited", x.eventsVisited());
        List<Object> segments = new ArrayList<>();
        for (SegmentScan s : x.segments()) {
            Map<String, Object> seg = new LinkedHashMap<>();
            seg.put("segment", s.segment());
            seg.put("access", Explanation.name(s.access()));
            seg.put("reason", s.reason());
            seg.put("users", s.users());
            seg.put("usersTested", s.tested());
            seg.put("usersVisited", s.visited());
            seg.put("events", s.events());
            seg.put("eventsVisited", s.eventsVisited());
            segments.add(seg);
        }
        out.put("segments", segments);
        Map<String, Object> ms = new LinkedHashMap<>();
        ms.put("parse", outcome.parseNanos() / 1e6);
        ms.put("queued", outcome.waitNanos() / 1e6);
        ms.put("plan", x.planNanos() / 1e6);
        ms.put("scan", x.scanNanos() / 1e6);
        ms.put("answer", Math.max(0, x.totalNanos() - x.planNanos() - x.scanNanos()) / 1e6);
        ms.put("total", x.totalNanos() / 1e6);
        out.put("ms", ms);
        out.put("text", text(outcome));
        return out;
    }

    /** The plan as lines of text (the CLI prints them under the result). */
    static List<String> text(QueryService.Answer outcome) {
        List<String> text = new ArrayList<>(outcome.explanation().lines());
        text.add(String.format(Locale.ROOT, "parse %.2f ms, queued %.2f ms, %d thread%s", outcome.parseNanos() / 1e6,
                outcome.waitNanos() / 1e6, outcome.threads(), outcome.threads() == 1 ? "" : "s"));
        return text;
    }
}
