package io.github.eiaoutages.model;

/** Nothing has been modeled yet, so there is nothing to query. */
public class NoModelYetException extends RuntimeException {

    public NoModelYetException() {
        super("No model has been built yet: wait for the first run to finish, or start one with POST /refresh");
    }

    /** Data other than the model that is not there yet; the message says what to do. */
    public NoModelYetException(String message) {
        super(message);
    }
}
