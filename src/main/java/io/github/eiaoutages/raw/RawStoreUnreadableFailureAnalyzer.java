package io.github.eiaoutages.raw;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A damaged committed file found at startup (an unreadable manifest) stops the application with Spring Boot's
 * short "APPLICATION FAILED TO START" report naming the folder and what to do, not a stack trace.
 */
class RawStoreUnreadableFailureAnalyzer extends AbstractFailureAnalyzer<RawStoreUnreadableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RawStoreUnreadableException cause) {
        return new FailureAnalysis(
                "The raw store holds a damaged file: " + cause.getMessage(),
                "Move the run= folder named above out of the data folder and start again; then fetch its periods again "
                        + "as described.",
                cause);
    }
}
