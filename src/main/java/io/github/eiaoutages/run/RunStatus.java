package io.github.eiaoutages.run;

/** The life of a run. Degraded: it published a model, and a quality check of that model failed. */
public enum RunStatus {
    RUNNING, SUCCEEDED, DEGRADED, FAILED
}
