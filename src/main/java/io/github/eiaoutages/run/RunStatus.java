package io.github.eiaoutages.run;

/**
 * The life of a run. Degraded: it ended, but its data is doubtful - a quality check of its model failed, or a
 * dataset's rows were all quarantined, came with conflicting values, fell short of EIA's total, or a first backfill
 * received nothing (the run's {@code warnings} say which). Interrupted: it did not end by itself - the application
 * was stopped, or killed, while it ran; nothing of it that was not committed was kept.
 */
public enum RunStatus {
    RUNNING,
    SUCCEEDED,
    DEGRADED,
    FAILED,
    INTERRUPTED
}
