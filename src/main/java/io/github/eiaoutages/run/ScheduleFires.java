package io.github.eiaoutages.run;

import java.time.Instant;

/**
 * What became of each scheduled fire (clustered mode): run, skipped (with why) or missed by Quartz. One row per
 * dataset and fire time, whose primary key makes sure that a fire is handled by one instance, never two, even if
 * two schedulers ever fired it.
 */
public interface ScheduleFires {

    /** Claims the fire of {@code dataset} scheduled at {@code scheduledAt}; false when another instance holds it. */
    boolean claim(String dataset, Instant scheduledAt);

    /** The claimed fire started run {@code runId}. */
    void ran(String dataset, Instant scheduledAt, String runId);

    /** The claimed fire was skipped, for {@code reason}. */
    void skipped(String dataset, Instant scheduledAt, String reason);
}
