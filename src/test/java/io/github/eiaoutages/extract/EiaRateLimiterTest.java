package io.github.eiaoutages.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rate ceiling's rules on a clock the test moves: spacing, the shared pause, halving, the floor, recovery. */
class EiaRateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void requests_leave_evenly_spaced_a_little_over_one_second_per_ceiling() {
        EiaRateLimiter limiter = new EiaRateLimiter(4, now::get);

        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isEqualTo(millis(262.5));
        assertThat(limiter.reserve()).isEqualTo(millis(525));
        // Five requests can never reach EIA within one second.
        assertThat(limiter.reserve() + millis(262.5)).isGreaterThan(millis(1000));
    }

    @Test
    void a_429_pauses_every_request_for_retry_after_and_halves_the_ceiling() {
        EiaRateLimiter limiter = new EiaRateLimiter(4, now::get);

        double rate = limiter.rateLimited(3000);

        assertThat(rate).isEqualTo(2.0);
        assertThat(limiter.reserve()).isEqualTo(millis(3000));
        assertThat(limiter.reserve()).isEqualTo(millis(3000 + 525));
    }

    @Test
    void a_429_asking_for_no_wait_still_pauses_one_turn_so_429s_answered_at_once_cannot_speed_requests_up() {
        EiaRateLimiter limiter = new EiaRateLimiter(4, now::get);
        // Retry-After: 0 (or a date in the past) on every answer: each request waits a full turn at the halved
        // ceiling, and the ceiling keeps halving down to its floor.
        long sent = 0;
        for (int i = 0; i < 40; i++) {
            advance(limiter.reserve() / 1_000_000);
            sent++;
            limiter.rateLimited(0);
        }
        assertThat(limiter.rate()).isEqualTo(0.5);
        double seconds = (now.get() - 1_000_000_000L) / 1e9;
        assertThat(sent / seconds)
                .as("requests per second over %.1f s", seconds)
                .isLessThan(1.0);
    }

    @Test
    void a_retry_after_too_large_to_count_in_milliseconds_waits_forever_instead_of_not_at_all() {
        RetryAfter retryAfter =
                new RetryAfter(io.github.eiaoutages.TestSettings.properties(java.nio.file.Path.of("unused")));
        assertThat(retryAfter.askedMillis("9223372036854775807", 429)).isEqualTo(Long.MAX_VALUE);
        EiaRateLimiter limiter = new EiaRateLimiter(4, now::get);
        limiter.rateLimited(Long.MAX_VALUE);
        assertThat(limiter.reserve()).isGreaterThan(TimeUnit.DAYS.toNanos(365));
    }

    @Test
    void rate_limits_of_one_burst_halve_once_and_the_ceiling_never_drops_below_half_a_request_a_second() {
        EiaRateLimiter limiter = new EiaRateLimiter(4, now::get);
        limiter.rateLimited(1000);
        advance(500);
        assertThat(limiter.rateLimited(1000))
                .as("inside the first pause: the same burst")
                .isEqualTo(2.0);

        for (int i = 0; i < 5; i++) {
            advance(2000);
            limiter.rateLimited(1000);
        }

        assertThat(limiter.rate()).isEqualTo(0.5);
    }

    @Test
    void the_ceiling_rises_by_half_a_request_a_second_per_minute_without_a_429_up_to_the_configured_one() {
        EiaRateLimiter limiter = new EiaRateLimiter(4, now::get);
        limiter.rateLimited(1000);

        advance(59_000);
        assertThat(limiter.rate()).isEqualTo(2.0);
        advance(1_000);
        assertThat(limiter.rate()).isEqualTo(2.5);
        advance(60_000 * 10);
        assertThat(limiter.rate()).isEqualTo(4.0);
    }

    @Test
    void a_request_waiting_for_its_turn_when_a_pause_begins_waits_for_the_end_of_the_pause() throws Exception {
        // At 0.5/s the waiting request's turn is 2.1 s away: the pause begins well before it, even on a loaded
        // machine (at 2/s, 525 ms away, a main thread delayed that long let the request leave first).
        EiaRateLimiter limiter = new EiaRateLimiter(0.5, System::nanoTime);
        limiter.acquire();
        CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                limiter.acquire();
                return System.nanoTime();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);

        long pausedAt = System.nanoTime();
        limiter.rateLimited(2500);
        assertThat(waiting)
                .as("the request still waiting for its turn when the 429 came")
                .isNotDone();

        long left = waiting.get(10, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(left - pausedAt))
                .as("ms after the 429 the waiting request left, its old turn was ~2,000 ms away")
                .isGreaterThanOrEqualTo(2450);
    }

    @Test
    void requests_whose_turns_passed_while_the_process_stalled_leave_spaced_not_in_a_burst() throws Exception {
        EiaRateLimiter limiter = new EiaRateLimiter(5, System::nanoTime);
        List<CompletableFuture<Long>> waiting = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            waiting.add(CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            limiter.acquire();
                            return System.nanoTime();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    Executors.newSingleThreadExecutor()));
        }
        Thread.sleep(50);
        // A stall: none of the waiting threads can return from its wait while the monitor is held.
        synchronized (limiter) {
            Thread.sleep(1500);
        }

        List<Long> left = new ArrayList<>();
        for (CompletableFuture<Long> request : waiting) {
            left.add(request.get(5, TimeUnit.SECONDS));
        }
        Collections.sort(left);
        for (int i = 1; i < left.size(); i++) {
            assertThat(TimeUnit.NANOSECONDS.toMillis(left.get(i) - left.get(i - 1)))
                    .as("ms between requests %d and %d after the stall", i - 1, i)
                    .isGreaterThanOrEqualTo(180);
        }
    }

    @Test
    void once_closed_no_request_gets_a_turn_and_one_waiting_for_its_turn_is_released_at_once() throws Exception {
        EiaRateLimiter limiter = new EiaRateLimiter(0.5, System::nanoTime);
        limiter.acquire();
        CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(() -> {
            long started = System.nanoTime();
            assertThatThrownBy(limiter::acquire)
                    .isInstanceOf(CancellationException.class)
                    .hasMessageContaining("the application is stopping");
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        });
        Thread.sleep(200);

        limiter.close();

        assertThat(waiting.get(5, TimeUnit.SECONDS))
                .as("ms waited of the 2,100 its turn was away")
                .isLessThan(1500);
        assertThat(limiter.isClosed()).isTrue();
        assertThatThrownBy(limiter::acquire).isInstanceOf(CancellationException.class);
    }

    @Test
    void past_the_hourly_ceiling_a_request_waits_until_the_oldest_of_the_hour_is_an_hour_old() {
        EiaRateLimiter limiter = new EiaRateLimiter(4, 3, now::get);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.hourlyWait()).isZero();
            limiter.departed();
            advance(10 * 60_000);
        }
        // Three left at minutes 0, 10 and 20; at minute 30 the fourth waits until minute 60.
        assertThat(limiter.hourlyWait()).isEqualTo(TimeUnit.MINUTES.toNanos(30));
        advance(30 * 60_000);
        assertThat(limiter.hourlyWait()).isZero();
        limiter.departed();
        // A rolling hour, not a clock hour: the fifth waits for the one of minute 10 to be an hour old.
        assertThat(limiter.hourlyWait()).isEqualTo(TimeUnit.MINUTES.toNanos(10));
    }

    @Test
    void an_hourly_ceiling_the_per_second_one_cannot_reach_never_makes_a_request_wait() {
        // 1 request/s is at most 3,600 an hour: a ceiling of 3,600 never binds, whatever the clock says.
        EiaRateLimiter limiter = new EiaRateLimiter(1, 3600, now::get);
        for (int i = 0; i < 5000; i++) {
            limiter.departed();
        }
        assertThat(limiter.hourlyWait()).isZero();
    }

    @Test
    void a_request_waiting_for_the_next_hour_is_released_at_once_when_closed() throws Exception {
        EiaRateLimiter limiter = new EiaRateLimiter(50, 1, System::nanoTime);
        limiter.acquire();
        CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(() -> {
            long started = System.nanoTime();
            assertThatThrownBy(limiter::acquire).isInstanceOf(CancellationException.class);
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        });
        Thread.sleep(200);
        assertThat(waiting).isNotDone();

        limiter.close();

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isLessThan(3000);
    }

    private void advance(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private static long millis(double millis) {
        return (long) (millis * 1_000_000);
    }
}
