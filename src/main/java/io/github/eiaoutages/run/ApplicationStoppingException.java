package io.github.eiaoutages.run;

import io.github.eiaoutages.problem.ApiException;

/**
 * The application is stopping (SIGTERM, or the context closing): nothing new starts, and whoever waits for a run
 * is released at once instead of holding the shutdown. The API answers it with 503.
 */
public class ApplicationStoppingException extends ApiException {

    public ApplicationStoppingException(String message) {
        super(503, "Stopping", message);
    }
}
