package io.github.eiaoutages.run;

import java.time.Instant;

/**
 * A scheduled fire another instance has already claimed ({@link ScheduleFires}): this instance does not run it.
 * Quartz's clustered job store fires each trigger on one instance, so this is a second line of defence only.
 */
public class FireAlreadyClaimedException extends RuntimeException {

    public FireAlreadyClaimedException(String dataset, Instant scheduledAt) {
        super("the fire of " + dataset + " scheduled at " + scheduledAt + " is already handled by another instance");
    }
}
