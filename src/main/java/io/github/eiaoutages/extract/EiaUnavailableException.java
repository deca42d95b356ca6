package io.github.eiaoutages.extract;

/** HTTP 5xx or 429: EIA is overloaded or throttling; the same request may work later. */
public class EiaUnavailableException extends EiaResponseException {

    private final int status;

    public EiaUnavailableException(String message, int status) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
