package io.github.eiaoutages.extract;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The per-second request ceiling over every dataset and window (node {@code eia-rate-ceiling} of the
 * {@code eia-request} route), and what a 429 does to it: every concurrent fetch pauses for EIA's
 * {@code Retry-After} (one shared pause, not one exchange's redelivery delay), then the ceiling halves, at least
 * 0.5 requests/s, and rises again by 0.5/s for every 60 s without a 429, never above
 * {@code pipeline.eia.requests-per-second} (additive increase, multiplicative decrease, as TCP does).
 *
 * <p>Requests leave evenly spaced, 1.05 / rate seconds apart: at 4/s no five requests ever reach EIA within a
 * second, even one that leaves a few milliseconds after its turn.
 *
 * <p>And the hourly ceiling, {@code pipeline.eia.requests-per-hour}: no more requests leave within any rolling hour;
 * past it, a request waits until the oldest of the hour is an hour old. It lives here rather than in Camel's throttle
 * EIP because that throttle waits in a {@code DelayQueue.take()} only an interrupt ends: a stop during that wait held
 * Camel's own stop for 10 s, and interrupting the fetch threads breaks the Parquet writes they may be doing. Here
 * {@link #close} releases it like any other wait.
 */
@Component("eiaRateLimiter")
public class EiaRateLimiter {

    static final double FLOOR = 0.5;
    static final double STEP = 0.5;
    static final Duration RECOVERY = Duration.ofSeconds(60);
    private static final double MARGIN = 1.05;
    /** Woken this much after its turn, a request takes a new one: its old turn may have gone to a burst. */
    private static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private static final long HOUR_NANOS = TimeUnit.HOURS.toNanos(1);

    private final double ceiling;
    private final int perHour;
    /** When the requests of the last hour left (clock ns), oldest first; at most {@link #perHour} of them. */
    private final ArrayDeque<Long> lastHour = new ArrayDeque<>();

    private final LongSupplier clock;
    private long nextFree;
    private long pausedUntil;
    private double rateAtCut;
    private long cutAt;
    private boolean cut;
    private boolean closed;
    /** How many pauses (429s) began so far: a waiting request whose turn a new pause overtook takes a new one. */
    private long pauses;

    @Autowired
    public EiaRateLimiter(EiaEndpoint endpoint) {
        this(endpoint.requestsPerSecond(), endpoint.requestsPerHour(), System::nanoTime);
    }

    EiaRateLimiter(double ceiling, LongSupplier nanoClock) {
        this(ceiling, Integer.MAX_VALUE, nanoClock);
    }

    EiaRateLimiter(double ceiling, int perHour, LongSupplier nanoClock) {
        this.ceiling = ceiling;
        this.perHour = perHour;
        this.clock = nanoClock;
        this.nextFree = nanoClock.getAsLong();
    }

    /**
     * Waits for this request's turn. A 429 during the wait (a shared pause) sends it to the back: it takes a new
     * turn after the pause, so no request that was already waiting reaches EIA inside the pause. So does waking
     * up late: after the process stalled (a long GC pause, a starved CPU) the turns of every waiting request lie
     * in the past, and taken as they are they would all reach EIA at once.
     *
     * A request past the hourly ceiling first waits for the hour to make room, then takes its turn.
     *
     * @throws CancellationException once {@link #close} was called, at once or when it is called during the wait
     */
    public void acquire() throws InterruptedException {
        synchronized (this) {
            while (true) {
                long pausesSeen = pauses;
                long full = hourlyWait();
                if (full > 0) {
                    waitUnlessClosed(full, pausesSeen);
                    continue;
                }
                long wait = reserve();
                long deadline = waitUnlessClosed(wait, pausesSeen);
                boolean late = wait > 0 && System.nanoTime() - deadline > LATE_NANOS;
                // Another request may have taken the hour's last place while this one waited for its turn.
                if (pauses == pausesSeen && !late && hourlyWait() == 0) {
                    departed();
                    return;
                }
            }
        }
    }

    /** Waits {@code wait} ns, less if a pause begins or {@link #close} is called; returns the deadline (nanoTime). */
    private long waitUnlessClosed(long wait, long pausesSeen) throws InterruptedException {
        long deadline = System.nanoTime() + wait;
        for (long left = wait; !closed && pauses == pausesSeen && left > 0; left = deadline - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (closed) {
            throw new CancellationException("no more requests to EIA: the application is stopping");
        }
        return deadline;
    }

    /** How long (ns) until the hourly ceiling lets one more request leave: 0 while the last hour has room. */
    synchronized long hourlyWait() {
        long now = clock.getAsLong();
        while (!lastHour.isEmpty() && now - lastHour.peekFirst() >= HOUR_NANOS) {
            lastHour.pollFirst();
        }
        return lastHour.size() < perHour ? 0 : lastHour.peekFirst() + HOUR_NANOS - now;
    }

    /**
     * A request leaves now: it counts against the hourly ceiling for an hour. Not kept when the per-second ceiling
     * alone stays under the hourly one (the sample server's 1,000/s and 3,600,000/hour): the hour could never fill,
     * and keeping them would hold millions of times.
     */
    synchronized void departed() {
        if (perHour < ceiling * 3600) {
            lastHour.addLast(clock.getAsLong());
        }
    }

    /**
     * No request gets a turn any more, waiting ones included: the application is stopping and the run that asked
     * for them is being interrupted ({@code run.GracefulStop}).
     */
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** True once {@link #close} was called: failed requests are not tried again. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** Takes the next turn and returns how long (ns) to wait for it. */
    synchronized long reserve() {
        long now = clock.getAsLong();
        long at = Math.max(now, Math.max(nextFree, pausedUntil));
        nextFree = at + (long) (1e9 * MARGIN / rate(at));
        return at - now;
    }

    /**
     * EIA answered 429: every request waits {@code retryAfterMillis}, at least one turn at the halved ceiling, and the
     * ceiling halves. 429s of requests that were already under way when the first one came (inside its pause) cut it
     * only once.
     *
     * @return the ceiling from now on, in requests per second
     */
    public synchronized double rateLimited(long retryAfterMillis) {
        long now = clock.getAsLong();
        boolean sameBurst = cut && now < pausedUntil;
        if (!sameBurst) {
            rateAtCut = Math.max(FLOOR, rate(now) / 2);
            cutAt = now;
            cut = true;
        }
        // The pause lasts at least one turn at the ceiling now: a Retry-After of 0 or of a date in the past must not
        // hand the next request a turn at once, or a gateway answering 429 at once would be asked as fast as it
        // answers.
        long turn = (long) (1e9 * MARGIN / rateAtCut);
        long asked = TimeUnit.MILLISECONDS.toNanos(Math.max(0, retryAfterMillis));
        long until = saturatedAdd(now, Math.max(turn, asked));
        if (until > pausedUntil) {
            pausedUntil = until;
            // Turns handed out before the pause are void: their holders take new ones after it, spaced anew.
            nextFree = Math.min(nextFree, now);
            pauses++;
            notifyAll();
        }
        return rateAtCut;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /** The ceiling now, in requests per second. */
    public synchronized double rate() {
        return rate(clock.getAsLong());
    }

    private double rate(long now) {
        if (!cut) {
            return ceiling;
        }
        long recovered = Math.max(0, now - cutAt) / RECOVERY.toNanos();
        return Math.min(ceiling, rateAtCut + STEP * recovered);
    }
}
