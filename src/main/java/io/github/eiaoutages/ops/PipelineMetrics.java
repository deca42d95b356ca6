package io.github.eiaoutages.ops;

import io.github.eiaoutages.extract.EiaUnavailableException;
import io.github.eiaoutages.run.RunFinished;
import io.github.eiaoutages.run.RunRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The pipeline's own meters, next to Camel's route metrics and Spring's http.server.requests (REST latency), all
 * at /actuator/prometheus. Tags are dataset ids, statuses and outcomes only - never a URL, key or token.
 */
@Component("pipelineMetrics")
public class PipelineMetrics {

    private final MeterRegistry registry;

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @EventListener
    public void runFinished(RunFinished event) {
        RunRecord run = event.run();
        String status = run.getStatus();
        Timer.builder("pipeline.run.duration")
                .description("How long runs took, by how they ended")
                .tag("status", status)
                .tag("trigger", run.getTrigger())
                .register(registry)
                .record(Duration.ofMillis(run.getDurationMs() == null ? 0 : run.getDurationMs()));
        if (run.getModelBuildMs() != null) {
            Timer.builder("pipeline.model.build.duration")
                    .description("How long building the star schema took")
                    .register(registry)
                    .record(Duration.ofMillis(run.getModelBuildMs()));
        }
        run.getDatasets().forEach((dataset, counts) -> {
            rows(dataset, "received", counts.getRowsReceived());
            rows(dataset, "accepted", counts.getRowsAccepted());
            rows(dataset, "duplicate", counts.getRowsDuplicate() == null ? 0 : counts.getRowsDuplicate());
            rows(dataset, "revised", counts.getRowsRevised());
            rows(dataset, "quarantined", counts.getRowsQuarantined());
            Counter.builder("pipeline.pages")
                    .description("EIA pages fetched")
                    .tag("dataset", dataset)
                    .register(registry)
                    .increment(counts.getPages());
        });
    }

    /** Counts a retry of an EIA page, by HTTP status or by the kind of I/O failure (onRedelivery of the policy). */
    public Processor retryCounter() {
        return (Exchange exchange) -> {
            Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            String reason = cause instanceof EiaUnavailableException unavailable
                    ? Integer.toString(unavailable.status())
                    : cause == null ? "unknown" : cause.getClass().getSimpleName();
            Counter.builder("eia.http.retries")
                    .description("Retries of EIA pages, by status or failure")
                    .tag("reason", reason)
                    .register(registry)
                    .increment();
        };
    }

    private void rows(String dataset, String outcome, long count) {
        Counter.builder("pipeline.rows")
                .description("Rows of EIA pages by what became of them")
                .tag("dataset", dataset)
                .tag("outcome", outcome)
                .register(registry)
                .increment(count);
    }
}
