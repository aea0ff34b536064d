package org.iommusim.hw.cache;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a hand-written trace against a cache and reports what happened at each step, so a
 * test reads as the trace and its expected outcomes. Tokens are single letters (page tags,
 * context 0): "A" looks A up and inserts it on a miss; "-A" invalidates A. Outcomes:
 * "A:hit", "A:miss" (stored in a free way), "A:miss>B" (B was evicted), "-A:removed"/"-A:absent".
 */
final class Traces {
    private Traces() {
    }

    static List<String> run(SetAssociativeCache cache, String trace) {
        List<String> out = new ArrayList<>();
        for (String token : trace.trim().split("\\s+")) {
            if (token.startsWith("-")) {
                boolean removed = cache.invalidate(0, tag(token.charAt(1)));
                out.add(token + (removed ? ":removed" : ":absent"));
                continue;
            }
            long tag = tag(token.charAt(0));
            if (cache.lookup(0, tag) != SetAssociativeCache.MISS) {
                out.add(token + ":hit");
            } else if (cache.insert(0, tag, tag * 100) == InsertResult.EVICTED) {
                out.add(token + ":miss>" + name(cache.lastEvictedTag()));
            } else {
                out.add(token + ":miss");
            }
        }
        return out;
    }

    static List<String> expect(String outcomes) {
        return List.of(outcomes.trim().split("\\s+"));
    }

    static long tag(char letter) {
        return letter - 'A';
    }

    static String name(long tag) {
        return String.valueOf((char) ('A' + tag));
    }
}
