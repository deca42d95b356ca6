package io.github.eiaoutages.config;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Turns a bad setting into Spring Boot's short "APPLICATION FAILED TO START" report instead of a stack trace, saying
 * where the setting comes from (application.yaml line, a file given with --spring.config.additional-location, an
 * environment variable) when Spring knows.
 */
class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

    private final Environment environment;

    InvalidConfigurationFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
        String origin = origin(cause.key());
        String action = cause.action() != null
                ? cause.action() + (origin != null ? " ('" + cause.key() + "' is set in " + origin + ".)" : "")
                : "Fix '" + cause.key() + "' "
                        + (origin != null
                                ? "where it is set (" + origin + ")"
                                : "in application.yaml (or the environment variable behind it)")
                        + " and start again.";
        return new FailureAnalysis("Invalid setting: " + cause.getMessage(), action, cause);
    }

    /** Where the key's value was read from, e.g. {@code URL [file:examples.yaml] - 31:23}, or null. */
    private String origin(String key) {
        if (environment == null || !ConfigurationPropertyName.isValid(key)) {
            return null;
        }
        ConfigurationPropertyName name = ConfigurationPropertyName.of(key);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty property = source.getConfigurationProperty(name);
            if (property != null && property.getOrigin() != null) {
                return property.getOrigin().toString();
            }
        }
        return null;
    }
}
