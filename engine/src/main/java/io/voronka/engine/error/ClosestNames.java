package io.voronka.engine.error;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * "Did you mean" candidates: names within a small edit distance (optimal string alignment: insertions,
 * deletions, substitutions and swaps of neighbours), case-insensitive, closest first; then names that contain
 * what was typed.
 */
public final class ClosestNames {
    public static final int MAX_SUGGESTIONS = 3;

    private ClosestNames() {
    }

    public static List<String> closest(String typed, Collection<String> candidates) {
        String wanted = typed.strip().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            return List.of();
        }
        int allowed = allowedDistance(wanted.length());
        record Scored(String name, int distance) {
        }
        List<Scored> near = new ArrayList<>();
        List<String> containing = new ArrayList<>();
        for (String candidate : new LinkedHashSet<>(candidates)) {
            String lower = candidate.toLowerCase(Locale.ROOT);
            int distance = distance(wanted, lower);
            if (distance <= allowed) {
                near.add(new Scored(candidate, distance));
            } else if (wanted.length() >= 3 && lower.contains(wanted)) {
                containing.add(candidate);
            }
        }
        near.sort(Comparator.comparingInt(Scored::distance));
        Set<String> chosen = new LinkedHashSet<>();
        near.forEach(scored -> chosen.add(scored.name()));
        chosen.addAll(containing);
        return chosen.stream().limit(MAX_SUGGESTIONS).toList();
    }

    /** "did you mean 'a' or 'b'?", or empty when nothing is close. */
    public static String didYouMean(String typed, Collection<String> candidates) {
        List<String> names = closest(typed, candidates);
        if (names.isEmpty()) {
            return "";
        }
        List<String> quoted = names.stream().map(name -> "'" + name + "'").toList();
        if (quoted.size() == 1) {
            return "did you mean " + quoted.get(0) + "?";
        }
        return "did you mean " + String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or "
                + quoted.get(quoted.size() - 1) + "?";
    }

    private static int allowedDistance(int length) {
        if (length <= 4) {
            return 1;
        }
        return length <= 8 ? 2 : 3;
    }

    /** Optimal string alignment distance over UTF-16 units (names are letters of one script at a time). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length()][b.length()];
    }
}
