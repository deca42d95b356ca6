package io.github.eiaoutages.extract;

import io.github.eiaoutages.config.PipelineProperties;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Component;

/**
 * How long EIA asks us to wait before retrying: its {@code Retry-After} (seconds or an HTTP date) on a 429 or
 * 503, capped at the configured maximum delay. The route puts the answer in Camel's {@code CamelRedeliveryDelay}
 * header, which the redelivery policy then uses instead of its own exponential delay.
 */
@Component("retryAfter")
public class RetryAfter {

    private final long maxMillis;

    public RetryAfter(PipelineProperties properties) {
        this.maxMillis = properties.eia().retry().maxDelayMs();
    }

    /** The delay in ms, at most the configured maximum, or null when EIA did not ask for one. */
    public Long delayMillis(Object retryAfter, Integer status) {
        Long asked = askedMillis(retryAfter, status);
        return asked == null ? null : Math.min(asked, maxMillis);
    }

    /** The delay EIA asks for in ms, uncapped, or null when it did not ask for one (or not on a 429 or 503). */
    public Long askedMillis(Object retryAfter, Integer status) {
        if (retryAfter == null || status == null || (status != 429 && status != 503)) {
            return null;
        }
        String text = retryAfter.toString().trim();
        long millis;
        try {
            // An absurd number of seconds (EIA sent 9223372036854775807 once in a test) is "forever", not negative.
            long seconds = Long.parseLong(text);
            millis = seconds > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : seconds * 1000;
        } catch (NumberFormatException notSeconds) {
            try {
                millis = Duration.between(
                                ZonedDateTime.now(), ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME))
                        .toMillis();
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
        return Math.max(0, millis);
    }
}
