package io.github.eiaoutages.model;

import io.github.eiaoutages.problem.ApiException;

/** Nothing has been modeled yet, so there is nothing to query. */
public class NoModelYetException extends ApiException {

    public NoModelYetException() {
        this("No model has been built yet: wait for the first run to finish, or start one with POST /refresh");
    }

    /** Data other than the model that is not there yet; the message says what to do. */
    public NoModelYetException(String message) {
        super(503, "No model yet", message);
    }
}
