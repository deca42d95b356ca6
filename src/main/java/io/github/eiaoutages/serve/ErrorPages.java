package io.github.eiaoutages.serve;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside the Camel routes - no route for the path (404), a path that does not take the method
 * (405), a body the server cannot read - answer as RFC 9457 problems like the API's own errors, instead of
 * Spring Boot's default error JSON.
 */
@ConditionalOnWebApplication
@RestController
class ErrorPages implements ErrorController {

    private static final MediaType PROBLEM = MediaType.parseMediaType("application/problem+json");

    private final CamelContext camel;

    ErrorPages(CamelContext camel) {
        this.camel = camel;
    }

    /** The API's endpoints as the REST DSL defines them ({@code GET /data, /plants, …; POST /refresh}). */
    String endpoints() {
        Map<String, List<String>> byVerb = new TreeMap<>();
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        for (RestDefinition rest : model.getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                byVerb.computeIfAbsent(verb.asVerb().toUpperCase(Locale.ROOT), v -> new ArrayList<>()).add(verb.getPath());
            }
        }
        return byVerb.entrySet().stream().map(e -> e.getKey() + " " + String.join(", ", e.getValue()))
                .collect(Collectors.joining("; "));
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? "this path" : uri.toString();
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", switch (status) {
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 415 -> "Unsupported media type";
            default -> status >= 500 ? "Internal error" : "Bad request";
        });
        problem.put("status", status);
        problem.put("detail", switch (status) {
            case 404 -> "There is no endpoint at " + path + "; the API is " + endpoints() + " (see /docs)";
            case 405 -> request.getMethod() + " is not accepted here; " + path
                    + " takes the methods listed in /openapi.json (GET for data, POST for /refresh)";
            default -> status >= 500 ? "The request failed unexpectedly; the server log has the cause"
                    : "The request could not be read; see /docs for what " + path + " accepts";
        });
        return ResponseEntity.status(status).contentType(PROBLEM).body(problem);
    }
}
