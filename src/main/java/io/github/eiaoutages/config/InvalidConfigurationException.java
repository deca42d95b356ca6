package io.github.eiaoutages.config;

/**
 * A setting in {@code application.yaml} that cannot work; the message names the key and what to change. The
 * application's one error type for configuration: {@link InvalidConfigurationFailureAnalyzer} renders it as
 * "Invalid setting: … Action: …".
 */
public class InvalidConfigurationException extends RuntimeException {

    private final String key;
    private final String action;

    /** A bad value: the action is to fix the key where it is set. */
    public InvalidConfigurationException(String key, String problem) {
        this(key, problem, null, null);
    }

    /** A bad value found while reading it (a conversion, a constraint): {@code cause} keeps what Spring said. */
    public InvalidConfigurationException(String key, String problem, Throwable cause) {
        this(key, problem, null, cause);
    }

    /**
     * A setting whose fix is not (only) its value, e.g. files it points at that are missing; {@code action} says what
     * to do, as one or more sentences.
     */
    public static InvalidConfigurationException withAction(String key, String problem, String action) {
        return new InvalidConfigurationException(key, problem, action, null);
    }

    private InvalidConfigurationException(String key, String problem, String action, Throwable cause) {
        super(key + " " + problem, cause);
        this.key = key;
        this.action = action;
    }

    public String key() {
        return key;
    }

    /** What to do when it is more than fixing the value of {@link #key()}; null otherwise. */
    public String action() {
        return action;
    }
}
