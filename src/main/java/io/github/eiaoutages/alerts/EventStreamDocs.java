package io.github.eiaoutages.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

/**
 * Puts {@code GET /events/stream} into {@code /openapi.json}. The REST DSL writes the document, but the stream is a
 * Spring MVC endpoint ({@link EventStream}: Camel's HTTP consumer does not stream Server-Sent Events), so its
 * operation, kept in {@code src/main/resources/openapi/events-stream.json}, is added to the document's paths as it
 * is served (OpenAPI 3, "Paths Object").
 */
@Configuration(proxyBeanMethods = false)
public class EventStreamDocs {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> eventStreamInOpenApi(ObjectMapper json) {
        JsonNode operation = read(json);
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new OncePerRequestFilter() {
                    // Camel writes the first request's document in an async dispatch (Spring MVC's async
                    // support): the body is complete only then, so the filter runs there too.
                    @Override
                    protected boolean shouldNotFilterAsyncDispatch() {
                        return false;
                    }

                    @Override
                    protected void doFilterInternal(
                            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                            throws ServletException, IOException {
                        ContentCachingResponseWrapper document =
                                WebUtils.getNativeResponse(response, ContentCachingResponseWrapper.class);
                        if (document == null) {
                            document = new ContentCachingResponseWrapper(response);
                        }
                        chain.doFilter(request, document);
                        if (isAsyncStarted(request)) {
                            // Written by the async dispatch, which comes through here with this wrapper.
                            return;
                        }
                        byte[] body = document.getContentAsByteArray();
                        if (document.getStatus() == 200 && body.length > 0) {
                            JsonNode tree = json.readTree(body);
                            if (tree.path("paths") instanceof ObjectNode paths) {
                                paths.set("/events/stream", operation);
                                document.resetBuffer();
                                document.getOutputStream().write(json.writeValueAsBytes(tree));
                            }
                        }
                        document.copyBodyToResponse();
                    }
                });
        registration.addUrlPatterns("/openapi.json");
        return registration;
    }

    private static JsonNode read(ObjectMapper json) {
        try (InputStream in = EventStreamDocs.class.getResourceAsStream("/openapi/events-stream.json")) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read openapi/events-stream.json", e);
        }
    }
}
