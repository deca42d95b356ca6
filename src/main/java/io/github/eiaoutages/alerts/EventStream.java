package io.github.eiaoutages.alerts;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /events/stream}: the outage events as Server-Sent Events (HTML Living Standard, "Server-sent events"):
 * one {@code event: <type>}, {@code id: <event id>}, {@code data: <CloudEvent JSON>} message per event. A client
 * that reconnects with {@code Last-Event-ID} gets what it missed first; a comment line every 15 s keeps proxies from
 * closing an idle stream; every stream is closed as the application starts to stop. Needs the API token like the
 * rest of the API.
 */
@RestController
public class EventStream {

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);
    private static final long HEARTBEAT_SECONDS = 15;

    private final EventLog events;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "events-stream");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closing;

    /** One open stream and the id of the last event it was sent. */
    private static final class Client {
        final SseEmitter emitter = new SseEmitter(0L);
        volatile String last;

        Client(String last) {
            this.last = last;
        }
    }

    public EventStream(EventLog events) {
        this.events = events;
        timer.scheduleWithFixedDelay(this::push, 1, 1, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Opens a stream. Without {@code Last-Event-ID} it starts with the events published from now on; with it, with
     * those after that id (or from the oldest kept, when it is no longer kept).
     */
    @GetMapping(path = "/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        String from = lastEventId != null && !lastEventId.isBlank()
                ? lastEventId.strip()
                : events.newestId().orElse(null);
        Client client = new Client(from);
        if (closing) {
            client.emitter.complete();
            return client.emitter;
        }
        clients.add(client);
        client.emitter.onCompletion(() -> clients.remove(client));
        client.emitter.onTimeout(() -> clients.remove(client));
        client.emitter.onError(e -> clients.remove(client));
        timer.execute(() -> send(client));
        return client.emitter;
    }

    private void push() {
        clients.forEach(this::send);
    }

    private void send(Client client) {
        List<OutageEvent> next;
        try {
            next = events.after(client.last, 500);
        } catch (EventExpiredException e) {
            // Away longer than the retention: what is still kept, from the oldest.
            next = events.after(null, 500);
        } catch (UnknownEventException | IllegalArgumentException e) {
            // An id the history never held: from now on, as without Last-Event-ID (not the whole history again).
            client.last = events.newestId().orElse(null);
            return;
        }
        for (OutageEvent event : next) {
            try {
                client.emitter.send(
                        SseEmitter.event().id(event.id()).name(event.type()).data(event, MediaType.APPLICATION_JSON));
                client.last = event.id();
            } catch (IOException | IllegalStateException e) {
                clients.remove(client);
                return;
            }
        }
    }

    private void heartbeat() {
        for (Client client : clients) {
            try {
                client.emitter.send(SseEmitter.event().comment("heartbeat"));
            } catch (IOException | IllegalStateException e) {
                clients.remove(client);
            }
        }
    }

    /** The application starts to stop: every stream ends now, so the server's stop does not wait for them. */
    @EventListener(ContextClosedEvent.class)
    public void close() {
        closing = true;
        if (!clients.isEmpty()) {
            log.info("Closing {} event stream(s): the application is stopping", clients.size());
        }
        clients.forEach(client -> client.emitter.complete());
        clients.clear();
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
