package io.github.eiaoutages.ops;

import io.github.eiaoutages.run.RunRecord;
import io.github.eiaoutages.run.RunRegistry;
import java.util.Map;
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
        Map<String, Object> progress = run == null ? null : run.getProgress();
        if (progress == null || ((Number) progress.get("elapsed_seconds")).longValue() < QUIET_SECONDS) {
            return;
        }
        MDC.put(RunLogContext.RUN_ID, run.getRunId());
        try {
            Object eta = progress.get("eta_seconds");
            log.info(
                    "Run {}: page {} of ~{}, {} rows received, {} rows/s{}",
                    run.getRunId(),
                    progress.get("pages_done"),
                    progress.get("pages_expected"),
                    progress.get("rows_received"),
                    progress.get("rows_per_second"),
                    eta == null ? "" : ", about " + eta + " s left");
        } finally {
            MDC.remove(RunLogContext.RUN_ID);
        }
    }
}
