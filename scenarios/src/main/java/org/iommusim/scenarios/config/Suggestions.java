package org.iommusim.scenarios.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * "Did you mean" suggestions: the closest allowed name by Levenshtein edit distance (ties go to
 * the earlier name), if it is close enough to be a plausible typo. Also formats the
 * {@code ; did you mean 'x'? (allowed: a, b, c)} tail used by unknown-name diagnostics.
 * The distance is commons-text's {@link LevenshteinDistance}.
 */
public final class Suggestions {
    private Suggestions() {
    }

    /** The closest candidate within a distance of max(2, length/3), ignoring case. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String w = word.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        int limit = Math.max(2, word.length() / 3);
        return best != null && bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /** {@code ; did you mean 'x'? (allowed: a, b)} or {@code  (allowed: a, b)} without a close match. */
    public static String tail(String word, Collection<String> allowed) {
        String list = allowed.isEmpty() ? "none" : String.join(", ", allowed);
        return closest(word, allowed).map(s -> "; did you mean '" + s + "'? (allowed: " + list + ")")
                .orElse(" (allowed: " + list + ")");
    }

    /** Levenshtein distance (insert, delete, substitute each cost 1), by commons-text. */
    public static int distance(String a, String b) {
        return LevenshteinDistance.getDefaultInstance().apply(a, b);
    }
}
