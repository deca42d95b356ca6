package io.github.eiaoutages.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad setting into Spring Boot's short "APPLICATION FAILED TO START" report instead of a stack trace. */
class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
        return new FailureAnalysis("Invalid setting: " + cause.getMessage(),
                "Fix '" + cause.key() + "' in application.yaml (or the environment variable behind it) and start again.",
                cause);
    }
}
