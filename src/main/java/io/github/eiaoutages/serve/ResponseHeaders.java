package io.github.eiaoutages.serve;

import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * Which message headers become HTTP response headers. platform-http carries query parameters and request
 * headers as message headers and would otherwise echo them (Authorization included) in every answer.
 */
@Component("responseHeaders")
public class ResponseHeaders extends HttpHeaderFilterStrategy {

    private static final Set<String> ANSWER_HEADERS =
            Set.of("content-type", "location", "www-authenticate", "retry-after", "cache-control");

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !ANSWER_HEADERS.contains(headerName.toLowerCase());
    }
}
