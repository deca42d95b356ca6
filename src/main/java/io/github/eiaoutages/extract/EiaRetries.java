package io.github.eiaoutages.extract;

import io.github.eiaoutages.config.PipelineProperties;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides when a failed EIA request is tried again and says so: runs as the retry policy's
 * {@code onExceptionOccurredRef} (routes/errors.camel.yaml), after Camel counted the attempt and before it waits.
 * The delay is EIA's {@code Retry-After} (429/503, capped at {@code max-delay-ms}) or {@code base-delay-ms} doubled per
 * attempt with ±15 % jitter, so concurrent windows do not retry in step; it is handed to Camel in the
 * {@code CamelRedeliveryDelay} header, and the one WARN line per retry names the dataset, the window and page, the
 * cause and that delay.
 */
@Component("eiaRetries")
public class EiaRetries implements Processor {

    private static final Logger log = LoggerFactory.getLogger(EiaRetries.class);
    private static final double JITTER = 0.15;

    private final PipelineProperties.Retry retry;
    private final RetryAfter retryAfter;

    public EiaRetries(PipelineProperties properties, RetryAfter retryAfter) {
        this.retry = properties.eia().retry();
        this.retryAfter = retryAfter;
    }

    @Override
    public void process(Exchange exchange) {
        Integer counter = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
        int attempt = counter == null ? 1 : counter;
        if (attempt > retry.attempts()) {
            // No retry left: the run fails and records the cause.
            return;
        }
        Long asked = retryAfter.delayMillis(exchange.getMessage().getHeader("Retry-After"),
                exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class));
        long delay = asked != null ? asked : backoff(attempt);
        exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, delay);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        log.warn("{}: {} failed: {}; retry {} of {} in {}{}", exchange.getProperty("dataset"),
                describe(exchange.getProperty("cursor")), cause == null ? "unknown error" : message(cause), attempt,
                retry.attempts(), seconds(delay), asked != null ? " (EIA's Retry-After)" : "");
    }

    /** {@code base-delay-ms} × 2^(attempt-1), at most {@code max-delay-ms}, moved randomly by up to 15 %. */
    long backoff(int attempt) {
        double exponential = retry.baseDelayMs() * Math.pow(2, Math.max(0, attempt - 1));
        double capped = Math.min(exponential, retry.maxDelayMs());
        return Math.round(capped * (1 + JITTER * (2 * ThreadLocalRandom.current().nextDouble() - 1)));
    }

    private static String describe(Object cursor) {
        if (cursor instanceof PageCursor page) {
            return "window " + page.window() + ", page " + (page.pages() + 1) + " (offset " + page.offset() + ")";
        }
        if (cursor instanceof DatasetCheck check) {
            return "metadata check";
        }
        return "request";
    }

    private static String message(Throwable cause) {
        String text = cause.getMessage();
        return text == null || text.isBlank() ? cause.getClass().getSimpleName() : cause.getClass().getSimpleName() + " " + text;
    }

    private static String seconds(long millis) {
        return millis < 1000 ? millis + " ms" : String.format("%.1f s", millis / 1000.0);
    }
}
