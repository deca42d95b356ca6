package io.github.eiaoutages.extract;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.core5.io.CloseMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ends every request to EIA at once, for a run the application interrupts on SIGTERM ({@code run.GracefulStop}).
 * Interrupting the run's thread is not enough: its windows are fetched on other threads (eiaFetchPool), blocked
 * in socket reads that ignore interrupts for up to {@code camel.component.http.so-timeout}, and Camel would then
 * wait for them again while it stops. So: no request gets a turn at the rate ceiling any more, none is retried,
 * and the HTTP connections in use are closed (their reads fail at once).
 */
@Component("eiaRequestsAbort")
public class EiaRequestsAbort {

    private static final Logger log = LoggerFactory.getLogger(EiaRequestsAbort.class);

    private final EiaRateLimiter limiter;
    private final CamelContext camel;

    public EiaRequestsAbort(EiaRateLimiter limiter, CamelContext camel) {
        this.limiter = limiter;
        this.camel = camel;
    }

    /** Refuses further requests and closes the connections of those under way (http and https). */
    public void abort() {
        limiter.close();
        // Each EIA URL is an endpoint of its own (toD), with its own connection pool when the component is tuned.
        Set<HttpClientConnectionManager> pools = Collections.newSetFromMap(new IdentityHashMap<>());
        for (String scheme : new String[] {"http", "https"}) {
            if (camel.hasComponent(scheme) instanceof HttpComponent http && http.getClientConnectionManager() != null) {
                pools.add(http.getClientConnectionManager());
            }
        }
        for (Endpoint endpoint : camel.getEndpoints()) {
            if (endpoint instanceof HttpEndpoint http && http.getClientConnectionManager() != null) {
                pools.add(http.getClientConnectionManager());
            }
        }
        pools.forEach(pool -> pool.close(CloseMode.IMMEDIATE));
        log.info("Stopping: requests to EIA under way were aborted ({} connection pools closed)", pools.size());
    }
}
