package io.github.eiaoutages.serve;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.camel.CamelContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No false answers while starting. Tomcat listens a few seconds before Camel's REST routes exist and the model
 * snapshot on disk is loaded; until readiness turns {@code ACCEPTING_TRAFFIC} the API's paths answer 503 problem
 * JSON "starting, retry shortly" with {@code Retry-After}, never a 404 "There is no endpoint". {@code /openapi.json}
 * waits only for Camel. Health, the sample EIA server, Swagger UI and static files are never held back.
 */
@ConditionalOnWebApplication
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class StartupGate extends OncePerRequestFilter {

    private static final String OPENAPI = "/openapi.json";
    private static final int RETRY_AFTER_SECONDS = 2;

    private final CamelContext camel;
    private final AntPathMatcher paths = new AntPathMatcher();
    private volatile boolean ready;

    StartupGate(CamelContext camel) {
        this.camel = camel;
    }

    /** Readiness turned ACCEPTING_TRAFFIC once: routes started, the snapshot on disk loaded. From then on, no gate. */
    @EventListener
    void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
            ready = true;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean held = !ready
                && (ApiPaths.PATTERNS.stream().anyMatch(p -> paths.match(p, path))
                        || OPENAPI.equals(path) && !camel.isStarted());
        if (!held) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(503);
        response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"Starting\",\"status\":503,\"detail\":\"The "
                        + "application is starting, retry shortly (Retry-After: " + RETRY_AFTER_SECONDS + " s)\"}");
    }
}
