package io.github.eiaoutages.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.config.PipelineProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Delivers the event history ({@link EventLog}) to each enabled sink, at least once and in order: one thread per
 * sink reads the events after the sink's last acknowledged one ({@link SinkProgress}), sends each through the sink's
 * route in {@code routes/alerts.camel.yaml} ({@code direct:alert-<sink>}), and records it only once the route
 * returns without error. A failing sink gets the same event again after {@code pipeline.alerts.retry.base-delay},
 * doubling up to {@code max-delay}; events wait for it, nothing is skipped. A sink's first start begins with the
 * events published from then on. A build with more than {@code max-events-per-build} events reaches sinks as one
 * {@code snapshot.bulk-change} ({@code GET /events} keeps them all). Events a filter drops count as delivered.
 */
@Component("alertDelivery")
public class AlertDelivery implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AlertDelivery.class);
    /** Events read per look at the history: a build's events are usually one file, read once. */
    private static final int BATCH = 1000;

    private final EventLog events;
    private final SinkProgress progress;
    private final ObjectMapper json;
    private final CamelContext camel;
    private final MeterRegistry meters;
    private final PipelineProperties.Alerts settings;
    private final List<AlertSink> sinks = new ArrayList<>();
    private final Map<String, SinkState> states = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean stopping;
    private ProducerTemplate producer;

    /** What health and metrics show of a sink. */
    public record SinkStatus(
            String sink, boolean up, long pending, Long oldestPendingSeconds, String lastError, boolean standby) {}

    private static final class SinkState {
        volatile String lastError;
        volatile int failures;
        volatile long pending;
        volatile Instant oldestPending;
        volatile boolean standby;
        /** The last event the sink acknowledged, for counting what is pending when health asks. */
        volatile String last;
    }

    public AlertDelivery(
            EventLog events,
            SinkProgress progress,
            ObjectMapper json,
            CamelContext camel,
            MeterRegistry meters,
            PipelineProperties properties) {
        this.events = events;
        this.progress = progress;
        this.json = json;
        this.camel = camel;
        this.meters = meters;
        this.settings = properties.alerts();
        if (!settings.webhook().url().isBlank()) {
            sinks.add(AlertSink.of("webhook", settings.webhook().filter()));
        }
        if (!settings.file().path().isBlank()) {
            sinks.add(AlertSink.of("file", settings.file().filter()));
        }
        if (!settings.mqtt().brokerUrl().isBlank()) {
            sinks.add(AlertSink.of("mqtt", settings.mqtt().filter()));
        }
        for (AlertSink sink : sinks) {
            SinkState state = new SinkState();
            states.put(sink.name(), state);
            Gauge.builder("alerts_pending_events", state, s -> s.pending)
                    .description("Events not yet acknowledged by the sink")
                    .tag("sink", sink.name())
                    .register(meters);
        }
    }

    /** The enabled sinks, in the order webhook, file, mqtt. */
    public List<AlertSink> sinks() {
        return List.copyOf(sinks);
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // Nothing: the sinks' routes are not started yet.
    }

    /** Camel has started every route: the sinks' routes can be sent to. */
    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        start();
    }

    /** Starts one delivery thread per sink once the routes are up. */
    public synchronized void start() {
        if (sinks.isEmpty() || !workers.isEmpty()) {
            return;
        }
        producer = camel.createProducerTemplate();
        for (AlertSink sink : sinks) {
            if (camel.getRoute("alert-" + sink.name()) == null) {
                SinkState state = states.get(sink.name());
                state.failures = 1;
                state.lastError = "routes/alerts.camel.yaml has no route alert-" + sink.name()
                        + ": copy the release's routes/alerts.camel.yaml (its events wait until then)";
                log.error("Alert sink {} is not delivering: {}", sink.name(), state.lastError);
                continue;
            }
            Thread worker = new Thread(() -> deliver(sink), "alerts-" + sink.name());
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
            log.info("Alert sink {} is on (filter: {})", sink.name(), sink.filter());
        }
    }

    /** Stops delivering as the application starts to stop: the event in flight is delivered again after a restart. */
    @EventListener(ContextClosedEvent.class)
    @Order(0)
    public synchronized void stop() {
        stopping = true;
        workers.forEach(Thread::interrupt);
        for (Thread worker : workers) {
            try {
                worker.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        workers.clear();
    }

    /**
     * Sends a {@code pipeline.test} event to every enabled sink now, bypassing filters and the history.
     *
     * @return per sink, {@code delivered} or why it failed
     */
    public Map<String, String> sendTest() {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String id = io.github.eiaoutages.storage.StorageFiles.id(now);
        OutageEvent test = OutageEvent.ofSnapshot(
                id,
                "/eia-outage-pipeline/test",
                now,
                OutageEvent.TEST,
                OutageChanges.snapshotData(id, 0, "a test event sent by POST /events/test"));
        Map<String, String> results = new LinkedHashMap<>();
        for (AlertSink sink : sinks) {
            Optional<String> failure = send(sink, test);
            results.put(sink.name(), failure.map(f -> "failed: " + f).orElse("delivered"));
        }
        return results;
    }

    /** Each sink's state, for health. */
    public List<SinkStatus> status() {
        List<SinkStatus> status = new ArrayList<>();
        for (AlertSink sink : sinks) {
            SinkState state = states.get(sink.name());
            countPending(state);
            Instant oldest = state.oldestPending;
            status.add(new SinkStatus(
                    sink.name(),
                    state.failures == 0,
                    state.pending,
                    oldest == null
                            ? null
                            : Duration.between(oldest, Instant.now()).toSeconds(),
                    state.lastError,
                    state.standby));
        }
        return status;
    }

    private void deliver(AlertSink sink) {
        SinkState state = states.get(sink.name());
        try {
            // Clustered mode: one instance delivers; the others wait for their turn (its end frees the lock).
            while (!progress.myTurn()) {
                state.standby = true;
                Thread.sleep(5000);
            }
        } catch (InterruptedException e) {
            return;
        }
        state.standby = false;
        String last = progress.delivered(sink.name()).orElseGet(() -> {
            // A new sink starts with the events published from now on, not with the whole history.
            String newest = events.newestId().orElse(null);
            if (newest != null) {
                progress.delivered(sink.name(), newest);
            }
            return newest;
        });
        state.last = last;
        Map<String, Integer> snapshotSizes = new LinkedHashMap<>();
        while (!stopping) {
            try {
                List<OutageEvent> batch;
                try {
                    batch = events.after(last, BATCH);
                } catch (EventExpiredException e) {
                    // Away longer than the retention: resume with the oldest kept, saying what was lost.
                    log.warn("Alert sink {}: {}; resuming with the oldest event kept", sink.name(), e.getMessage());
                    last = null;
                    continue;
                }
                if (batch.isEmpty()) {
                    state.pending = 0;
                    state.oldestPending = null;
                    events.awaitNewer(1000);
                    continue;
                }
                state.pending = batch.size();
                state.oldestPending = batch.get(0).time();
                for (OutageEvent event : batch) {
                    String snapshot = event.id().split("/", 2)[0];
                    int size = snapshotSizes.computeIfAbsent(
                            snapshot, s -> events.ofSnapshot(s).size());
                    if (size > settings.maxEventsPerBuild()) {
                        // Whether the sink is at the build's first event or part-way through it (a restart with a
                        // lower max-events-per-build), what it has not had of the build arrives as one bulk change.
                        List<OutageEvent> all = events.ofSnapshot(snapshot);
                        sendUntilAcknowledged(sink, state, bulk(snapshot, event, size));
                        last = all.get(all.size() - 1).id();
                        progress.delivered(sink.name(), last);
                        state.last = last;
                        break;
                    }
                    if (sink.accepts(event)) {
                        sendUntilAcknowledged(sink, state, event);
                    } else {
                        counter(sink, "filtered").increment();
                    }
                    progress.delivered(sink.name(), event.id());
                    last = event.id();
                    state.last = last;
                    state.pending = Math.max(0, state.pending - 1);
                }
                if (snapshotSizes.size() > 64) {
                    snapshotSizes.clear();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("Alert sink {} stopped reading events: {}; retrying in 5 s", sink.name(), e.getMessage());
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private OutageEvent bulk(String snapshot, OutageEvent first, int size) {
        return OutageEvent.ofSnapshot(
                snapshot,
                first.source(),
                first.time(),
                OutageEvent.BULK_CHANGE,
                OutageChanges.snapshotData(
                        snapshot,
                        size,
                        size + " outage events in one build (more than pipeline.alerts.max-events-per-build, "
                                + settings.maxEventsPerBuild() + "): read them with GET /events?latest=" + size
                                + " or page GET /events from the event before " + first.id()));
    }

    private void sendUntilAcknowledged(AlertSink sink, SinkState state, OutageEvent event) throws InterruptedException {
        long delay = settings.retry().baseDelay().toMillis();
        for (int attempt = 1; ; attempt++) {
            Optional<String> failure = send(sink, event);
            if (failure.isEmpty()) {
                if (state.failures > 0) {
                    log.info("Alert sink {} is delivering again (event {})", sink.name(), event.id());
                }
                state.failures = 0;
                state.lastError = null;
                counter(sink, "delivered").increment();
                return;
            }
            state.failures = attempt;
            state.lastError = failure.get();
            counter(sink, "failed").increment();
            log.warn(
                    "Alert sink {} refused event {} (attempt {}): {}; trying again in {} ms",
                    sink.name(),
                    event.id(),
                    attempt,
                    failure.get(),
                    delay);
            if (stopping) {
                throw new InterruptedException("stopping");
            }
            Thread.sleep(delay);
            delay = Math.min(delay * 2, settings.retry().maxDelay().toMillis());
        }
    }

    /** Sends one event through the sink's route; the reason when it failed. */
    private Optional<String> send(AlertSink sink, OutageEvent event) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            return Optional.of("could not write the event as JSON: " + e.getOriginalMessage());
        }
        Exchange sent = producer.send(sink.endpoint(), exchange -> {
            exchange.getIn().setBody(body);
            exchange.getIn().setHeader("alertEventId", event.id());
            exchange.getIn().setHeader("alertEventType", event.type());
        });
        Exception failure = sent.getException();
        if (failure == null) {
            return Optional.empty();
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return Optional.of(io.github.eiaoutages.security.SecretMasking.mask(
                message.lines().findFirst().orElse(message)));
    }

    /** Every event after the sink's last acknowledged one, also those of builds published since it last looked. */
    private void countPending(SinkState state) {
        try {
            List<OutageEvent> pending = events.after(state.last, 100_000);
            state.pending = pending.size();
            state.oldestPending = pending.isEmpty() ? null : pending.get(0).time();
        } catch (RuntimeException e) {
            // The history moved on (retention) while health asked: the figure stays as the delivery thread left it.
        }
    }

    private Counter counter(AlertSink sink, String outcome) {
        return Counter.builder("alerts_delivered_total")
                .description("Events per sink and outcome: delivered, failed (an attempt), filtered")
                .tag("sink", sink.name())
                .tag("outcome", outcome)
                .register(meters);
    }
}
