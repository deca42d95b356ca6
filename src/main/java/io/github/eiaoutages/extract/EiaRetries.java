package io.github.eiaoutages.extract;

import io.github.eiaoutages.config.PipelineProperties;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides whether and when a failed EIA request is tried again, and says so. It runs as the retry policy's
 * {@code onExceptionOccurredRef} (routes/errors.camel.yaml), after Camel counted the attempt and before it waits,
 * and answers the policy's {@code retryWhile}:
 *
 * <ul>
 *   <li>a 429 pauses every fetch for EIA's {@code Retry-After} and halves the rate ceiling ({@link EiaRateLimiter});
 *       the request is tried again for as long as {@code pipeline.eia.retry.rate-limit-budget} lasts, however often
 *       EIA says 429, and only then fails the run, naming {@code pipeline.eia.requests-per-second}; a
 *       {@code Retry-After} longer than what is left of the budget fails the run at once;
 *   <li>any other failure (5xx, reset, timeout, a body that is not JSON) is tried again {@code attempts} times,
 *       after EIA's {@code Retry-After} (503, capped at {@code max-delay-ms}) or {@code base-delay-ms} doubled per
 *       attempt with ±15 % jitter, so concurrent windows do not retry in step.
 * </ul>
 * Each retry is one WARN line naming the dataset, the window and page, the cause and the delay. Once the
 * application is stopping ({@link EiaRateLimiter#close}) nothing is tried again.
 */
@Component("eiaRetries")
public class EiaRetries implements Processor {

    private static final Logger log = LoggerFactory.getLogger(EiaRetries.class);
    private static final double JITTER = 0.15;
    private static final String RETRY = "eiaRetry";
    private static final long DEFAULT_RATE_LIMIT_PAUSE_MS = 1000;

    private final PipelineProperties.Retry retry;
    /** pipeline.eia.requests-per-second as written: 4, not 4.0. */
    private final String requestsPerSecond;

    private final RetryAfter retryAfter;
    private final EiaRateLimiter limiter;

    public EiaRetries(PipelineProperties properties, RetryAfter retryAfter, EiaRateLimiter limiter) {
        this.retry = properties.eia().retry();
        this.requestsPerSecond = java.math.BigDecimal.valueOf(properties.eia().requestsPerSecond())
                .stripTrailingZeros()
                .toPlainString();
        this.retryAfter = retryAfter;
        this.limiter = limiter;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(RETRY, false);
        if (limiter.isClosed()) {
            // The application is stopping: a retry would only hold the run (and the shutdown) up.
            return;
        }
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Object request = exchange.getProperty("cursor");
        if (!(request instanceof EiaRequest) || damagedStore(cause)) {
            // Not a request to EIA that failed (reading the raw store, planning): trying again cannot help, and
            // without a request there is no count of attempts to end the retries.
            return;
        }
        EiaRequest.Attempts attempts = request instanceof EiaRequest r ? r.attempts() : new EiaRequest.Attempts();
        Object retryAfterHeader = exchange.getMessage().getHeader("Retry-After");
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (cause instanceof EiaUnavailableException unavailable && unavailable.status() == 429) {
            // The pause is what EIA asks for, however long: it is the budget that bounds the wait.
            rateLimited(exchange, request, attempts, retryAfter.askedMillis(retryAfterHeader, status));
            if (!Boolean.TRUE.equals(exchange.getProperty(RETRY, Boolean.class))) {
                // Refused for longer than the budget: the other windows slow down and stop, the run fails.
                limiter.rateLimited(0);
                failedForGood(request);
            }
            return;
        }
        Long asked = retryAfter.delayMillis(retryAfterHeader, status);
        int attempt = attempts.failed();
        if (attempt > retry.attempts()) {
            // No retry left: the run fails and records the cause; the dataset's other windows stop paging.
            failedForGood(request);
            return;
        }
        long delay = asked != null ? asked : backoff(attempt);
        exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, delay);
        exchange.setProperty(RETRY, true);
        log.warn(
                "{}: {} failed: {}; retry {} of {} in {}{}",
                exchange.getProperty("dataset"),
                describe(request),
                cause == null ? "unknown error" : message(cause),
                attempt,
                retry.attempts(),
                seconds(delay),
                asked != null ? " (EIA's Retry-After)" : "");
    }

    private static void failedForGood(Object request) {
        if (request instanceof PageCursor window) {
            window.failed();
        }
    }

    /** True when the failure is a committed file that cannot be read: it stays damaged however often it is read. */
    private static boolean damagedStore(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.github.eiaoutages.raw.RawStoreUnreadableException) {
                return true;
            }
        }
        return false;
    }

    /** The policy's {@code retryWhile}: what {@link #process} decided for this failure. */
    public boolean shouldRetry(Exchange exchange) {
        return Boolean.TRUE.equals(exchange.getProperty(RETRY, Boolean.class));
    }

    private void rateLimited(Exchange exchange, Object request, EiaRequest.Attempts attempts, Long asked) {
        long now = System.currentTimeMillis();
        long since = attempts.rateLimitedSince(now);
        long left = retry.rateLimitBudget().toMillis() - (now - since);
        if (asked != null && asked > left && now == since) {
            // The first 429 asks for more than the whole budget (Retry-After: 3600 against 15 minutes): fail now,
            // not in an hour. After earlier ones, the message below says how long EIA kept refusing.
            EiaUnavailableException tooLong = new EiaUnavailableException(
                    "EIA answered 429 (Too Many Requests) and asked "
                            + "to wait " + seconds(asked)
                            + " (Retry-After), more than what is left of pipeline.eia.retry."
                            + "rate-limit-budget (" + seconds(Math.max(0, left)) + " of " + retry.rateLimitBudget()
                            + "): the key "
                            + "is over EIA's limits for now; retry later, and lower pipeline.eia.requests-per-second (now "
                            + requestsPerSecond + ")",
                    429);
            exchange.setException(tooLong);
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, tooLong);
            return;
        }
        if (left < 0 || (asked != null && asked > left)) {
            EiaUnavailableException exhausted = new EiaUnavailableException(
                    "EIA kept answering 429 (Too Many Requests) for "
                            + seconds(now - since)
                            + (left < 0
                                    ? ", the whole of"
                                    : " and asked to wait " + seconds(asked) + " more, past the end of")
                            + " pipeline.eia.retry.rate-limit-budget (" + retry.rateLimitBudget()
                            + "), even at " + limiter.rate()
                            + " requests/s: lower pipeline.eia.requests-per-second (now "
                            + requestsPerSecond + ") or retry later; EIA suspends keys that keep exceeding its limits",
                    429);
            // The run records the exception of the failed request: this one says what to change.
            exchange.setException(exhausted);
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, exhausted);
            return;
        }
        long pause = asked != null ? asked : DEFAULT_RATE_LIMIT_PAUSE_MS;
        double rate = limiter.rateLimited(pause);
        // The limiter's shared pause holds this request back with every other one.
        exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, 0L);
        exchange.setProperty(RETRY, true);
        log.warn(
                "{}: {} was refused with 429 (Too Many Requests): every request waits {}{}, the ceiling is now {} "
                        + "requests/s (rising by {}/s a minute); retrying for up to {} more",
                exchange.getProperty("dataset"),
                describe(request),
                seconds(pause),
                asked != null ? " (EIA's Retry-After)" : "",
                rate,
                EiaRateLimiter.STEP,
                seconds(retry.rateLimitBudget().toMillis() - (now - since)));
    }

    /** {@code base-delay-ms} × 2^(attempt-1), at most {@code max-delay-ms}, moved randomly by up to 15 %. */
    long backoff(int attempt) {
        double exponential = retry.baseDelayMs() * Math.pow(2, Math.max(0, attempt - 1));
        double capped = Math.min(exponential, retry.maxDelayMs());
        return Math.round(
                capped * (1 + JITTER * (2 * ThreadLocalRandom.current().nextDouble() - 1)));
    }

    private static String describe(Object request) {
        return request instanceof EiaRequest r ? r.describe() : "request";
    }

    private static String message(Throwable cause) {
        String text = cause.getMessage();
        return text == null || text.isBlank()
                ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + " " + text;
    }

    private static String seconds(long millis) {
        if (millis >= 120_000) {
            return String.format("%.1f min", millis / 60_000.0);
        }
        return millis < 1000 ? millis + " ms" : String.format("%.1f s", millis / 1000.0);
    }
}
