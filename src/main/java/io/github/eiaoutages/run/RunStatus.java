package io.github.eiaoutages.run;

/** The life of a run. */
public enum RunStatus {
    RUNNING, SUCCEEDED, FAILED
}
