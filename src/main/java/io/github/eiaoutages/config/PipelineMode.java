package io.github.eiaoutages.config;

/** What the process does: serve (the long-running app) or one run and exit, for cron and scripts. */
public enum PipelineMode {
    /** Schedules, API, Hawtio: runs until stopped. */
    SERVE,
    /** Ingests every dataset once, rebuilds the model, exits 0 (or 1 with the reason on stderr). */
    INGEST_ONCE,
    /** Rebuilds the model from the committed raw rows, exits 0 (or 1 with the reason on stderr). */
    MODEL_ONCE;

    public boolean oneShot() {
        return this != SERVE;
    }
}
