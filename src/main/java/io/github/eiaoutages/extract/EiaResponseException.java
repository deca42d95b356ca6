package io.github.eiaoutages.extract;

/** EIA answered something the pipeline cannot use. Messages never carry the key or a response body. */
public class EiaResponseException extends RuntimeException {

    public EiaResponseException(String message) {
        super(message);
    }

    public EiaResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
