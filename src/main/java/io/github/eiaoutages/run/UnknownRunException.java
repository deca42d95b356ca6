package io.github.eiaoutages.run;

import io.github.eiaoutages.problem.ApiException;

/** A run id that no run has. */
public class UnknownRunException extends ApiException {

    public UnknownRunException(String runId) {
        super(404, "Not Found", "No run has the id '" + runId + "'; GET /runs lists the recent ones");
    }
}
