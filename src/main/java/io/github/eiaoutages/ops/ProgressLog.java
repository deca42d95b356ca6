package io.github.eiaoutages.ops;

import io.github.eiaoutages.run.RunRecord;
import io.github.eiaoutages.run.RunRegistry;
import io.github.eiaoutages.run.RunReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/** Every few seconds of a long run (route progress-log): page n of m, rows so far, rows/s and the time left. */
@Component("progressLog")
public class ProgressLog {

    /** Runs shorter than this log no progress, only their start and end. */
    static final long QUIET_SECONDS = 5;

    private static final Logger log = LoggerFactory.getLogger(ProgressLog.class);

    private final RunRegistry runs;

    public ProgressLog(RunRegistry runs) {
        this.runs = runs;
    }

    public void logActive() {
        RunRecord run = runs.active();
        RunReport.RunProgress progress = run == null ? null : run.getProgress();
        if (progress == null || progress.elapsedSeconds() < QUIET_SECONDS) {
            return;
        }
        MDC.put(RunLogContext.RUN_ID, run.getRunId());
        try {
            Long eta = progress.etaSeconds();
            log.info(
                    "Run {}: page {} of ~{}, {} rows received, {} rows/s{}",
                    run.getRunId(),
                    progress.pagesDone(),
                    progress.pagesExpected(),
                    progress.rowsReceived(),
                    progress.rowsPerSecond(),
                    eta == null ? "" : ", about " + eta + " s left");
        } finally {
            MDC.remove(RunLogContext.RUN_ID);
        }
    }
}
