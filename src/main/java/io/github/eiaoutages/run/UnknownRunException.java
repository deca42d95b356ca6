package io.github.eiaoutages.run;

/** A run id that no run has. */
public class UnknownRunException extends RuntimeException {

    public UnknownRunException(String runId) {
        super("No run has the id '" + runId + "'; GET /runs lists the recent ones");
    }
}
