package io.github.eiaoutages.config;

/** A setting in {@code application.yaml} that cannot work; the message names the key and what to change. */
public class InvalidConfigurationException extends RuntimeException {

    private final String key;

    public InvalidConfigurationException(String key, String problem) {
        super(key + " " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
