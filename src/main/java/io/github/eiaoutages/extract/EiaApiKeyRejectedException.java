package io.github.eiaoutages.extract;

/** HTTP 401/403: retrying cannot help, the key must change. */
public class EiaApiKeyRejectedException extends EiaResponseException {

    public EiaApiKeyRejectedException(String message) {
        super(message);
    }
}
