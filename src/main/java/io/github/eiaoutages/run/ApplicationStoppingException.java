package io.github.eiaoutages.run;

/**
 * The application is stopping (SIGTERM, or the context closing): nothing new starts, and whoever waits for a run
 * is released at once instead of holding the shutdown. The API answers it with 503.
 */
public class ApplicationStoppingException extends RuntimeException {

    public ApplicationStoppingException(String message) {
        super(message);
    }
}
