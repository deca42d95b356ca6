package io.github.eiaoutages.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.TestSettings;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EIA's Retry-After (RFC 9110 10.2.3: seconds or an HTTP date) on a 429 or 503, capped; one test per rule. */
class RetryAfterTest {

    @TempDir
    Path work;

    private RetryAfter retryAfter() {
        return new RetryAfter(TestSettings.properties(work, "pipeline.eia.retry.max-delay-ms=60000"));
    }

    @Test
    void seconds_are_taken_as_seconds() {
        assertThat(retryAfter().delayMillis("7", 429)).isEqualTo(7000L);
        assertThat(retryAfter().delayMillis(" 2 ", 503)).isEqualTo(2000L);
    }

    @Test
    void an_http_date_is_the_time_until_then() {
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        assertThat(retryAfter().delayMillis(inTenSeconds, 429)).isBetween(8000L, 10_000L);
    }

    @Test
    void a_wait_longer_than_the_maximum_delay_is_capped_but_the_uncapped_ask_is_kept() {
        assertThat(retryAfter().delayMillis("3600", 429)).isEqualTo(60_000L);
        assertThat(retryAfter().askedMillis("3600", 429)).isEqualTo(3_600_000L);
        assertThat(retryAfter().askedMillis("9223372036854775807", 429)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void a_date_in_the_past_or_zero_means_now() {
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(5));
        assertThat(retryAfter().delayMillis(past, 429)).isZero();
        assertThat(retryAfter().delayMillis("0", 429)).isZero();
    }

    @Test
    void nothing_is_asked_without_a_429_or_503_or_with_a_header_that_is_neither_form() {
        assertThat(retryAfter().delayMillis("5", 500)).isNull();
        assertThat(retryAfter().delayMillis(null, 429)).isNull();
        assertThat(retryAfter().delayMillis("soon", 429)).isNull();
    }
}
