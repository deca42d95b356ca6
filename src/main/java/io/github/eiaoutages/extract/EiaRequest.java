package io.github.eiaoutages.extract;

/**
 * What the {@code eia-request} route asks EIA for next: a page of a window ({@link PageCursor}) or a metadata answer
 * of a dataset check ({@link DatasetCheck}). Each keeps the retry state of its current request, which starts afresh
 * when the request succeeds.
 */
public interface EiaRequest {

    /** The URL without query and without key. */
    String url();

    /** The encoded query, without key (the HTTP client adds it). */
    String query();

    /** Failures and 429s of the current request so far. */
    Attempts attempts();

    /** Where the request stands, for a log line: {@code window 2025-01-01..2025-12-31, page 3 (offset 10000)}. */
    String describe();

    /** Failed attempts of one request: counted failures (5xx, resets, …) and since when EIA has answered 429. */
    final class Attempts {
        private int failures;
        private long rateLimitedSinceMillis;

        synchronized int failed() {
            return ++failures;
        }

        /** Since when (epoch ms) this request has been answered 429, starting the clock now if it was not. */
        synchronized long rateLimitedSince(long nowMillis) {
            if (rateLimitedSinceMillis == 0) {
                rateLimitedSinceMillis = nowMillis;
            }
            return rateLimitedSinceMillis;
        }

        synchronized void reset() {
            failures = 0;
            rateLimitedSinceMillis = 0;
        }
    }
}
