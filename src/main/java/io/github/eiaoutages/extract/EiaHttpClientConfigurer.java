package io.github.eiaoutages.extract;

import java.net.URI;
import java.net.URISyntaxException;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpRequestInterceptor;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.net.URIBuilder;
import org.springframework.stereotype.Component;

/**
 * Configures the HTTP client Camel calls EIA with. It adds {@code api_key} to requests bound for the EIA API at
 * the last moment, and turns off the client's own retries, so that the route's retry policy (exponential, with
 * jitter, honouring Retry-After, logged) is the only one and attempts are counted once.
 *
 * <p>EIA only accepts the key as a query parameter. Putting it in an endpoint URI or a message header would
 * expose it to Camel's endpoint registry (which Hawtio and /actuator list), to tracing and to error messages;
 * here it lives only in the request the client sends.
 */
@Component("eiaHttpClient")
public class EiaHttpClientConfigurer implements HttpClientConfigurer, HttpRequestInterceptor {

    private final EiaEndpoint endpoint;

    public EiaHttpClientConfigurer(EiaEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder clientBuilder) {
        clientBuilder.addRequestInterceptorFirst(this);
        clientBuilder.disableAutomaticRetries();
    }

    @Override
    public void process(HttpRequest request, EntityDetails entity, HttpContext context) {
        String key = endpoint.apiKey();
        if (key == null) {
            return;
        }
        try {
            URI uri = request.getUri();
            if (uri.toString().startsWith(endpoint.baseUrl())) {
                request.setUri(new URIBuilder(uri).addParameter("api_key", key).build());
            }
        } catch (URISyntaxException e) {
            // The message of a URISyntaxException quotes the URI; do not pass it on.
            throw new IllegalStateException("Could not add the EIA key to a request for " + request.getPath());
        }
    }
}
