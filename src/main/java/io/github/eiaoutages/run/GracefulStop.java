package io.github.eiaoutages.run;

import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.extract.EiaRequestsAbort;
import io.github.eiaoutages.raw.RawCommitter;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What SIGTERM (or any close of the application) does to runs, before the web server and Camel stop: no new run
 * opens, waiting requests and scheduled fires are released at once, and an active run gets
 * {@code pipeline.shutdown.grace-period} to end by itself. A run that cannot is interrupted: recorded as
 * {@code interrupted}, its requests to EIA aborted, its staging discarded, nothing of it committed; the data lock
 * goes with the process. So the process exits about {@code grace-period} + 3 s after SIGTERM at the latest.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class GracefulStop implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);
    /** After its thread is interrupted, how long a run gets to record itself before it is recorded for it. */
    private static final long INTERRUPT_WAIT_MS = 3000;

    private final RunRegistry runs;
    private final RawCommitter committer;
    private final EiaRequestsAbort requests;
    private final Duration grace;
    private final boolean oneShot;

    GracefulStop(RunRegistry runs, RawCommitter committer, EiaRequestsAbort requests, PipelineProperties properties) {
        this.runs = runs;
        this.committer = committer;
        this.requests = requests;
        this.grace = properties.shutdown().gracePeriod();
        this.oneShot = properties.mode().oneShot();
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        runs.stopping();
        RunRecord active = runs.active();
        if (active == null) {
            return;
        }
        try {
            log.info(
                    "Stopping: run {} gets up to {} (pipeline.shutdown.grace-period) to finish",
                    active.getRunId(),
                    grace);
            if (runs.awaitIdle(grace.toMillis())) {
                return;
            }
            // Its fetches end now too, or Camel would wait for them once more while it stops.
            requests.abort();
            runs.interruptActive(INTERRUPT_WAIT_MS).ifPresent(run -> {
                committer.abort(run.getRunId());
                if (oneShot) {
                    // The process ends with the signal's status (143); stdout stays for the summary of a finished run.
                    System.err.println("Run " + run.getRunId() + " (" + run.getTrigger() + ") " + run.getError());
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
