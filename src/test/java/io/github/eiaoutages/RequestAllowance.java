package io.github.eiaoutages;

import java.util.ArrayDeque;

/**
 * A gateway's allowance for the test stubs: at most {@code perSecond} requests in any second (a sliding window);
 * beyond it a stub answers 429. Unlimited until {@link #allow(int)} is called.
 */
public final class RequestAllowance {

    private final ArrayDeque<Long> admitted = new ArrayDeque<>();
    private volatile int perSecond;

    public RequestAllowance(int perSecond) {
        this.perSecond = perSecond;
    }

    public void allow(int requestsPerSecond) {
        this.perSecond = requestsPerSecond;
    }

    /** Counts a request against the last second; false when it is over the allowance (and not counted). */
    public boolean admit() {
        synchronized (admitted) {
            long now = System.currentTimeMillis();
            while (!admitted.isEmpty() && admitted.peekFirst() <= now - 1000) {
                admitted.pollFirst();
            }
            if (admitted.size() >= perSecond) {
                return false;
            }
            admitted.addLast(now);
            return true;
        }
    }
}
