package io.github.eiaoutages.serve;

import io.github.eiaoutages.problem.Problems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside the Camel routes - no route for the path (404), a path that does not take the method
 * (405), a body the server cannot read - answer as RFC 9457 problems built by {@link Problems} like the API's
 * own errors, instead of Spring Boot's default error JSON.
 */
@ConditionalOnWebApplication
@RestController
class ErrorPages implements ErrorController {

    private final CamelContext camel;
    private final Problems problems;

    ErrorPages(CamelContext camel, Problems problems) {
        this.camel = camel;
        this.problems = problems;
    }

    /** The API's endpoints as the REST DSL defines them ({@code GET /data, /plants, …; POST /refresh}). */
    String endpoints() {
        Map<String, List<String>> byVerb = new TreeMap<>();
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        for (RestDefinition rest : model.getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                byVerb.computeIfAbsent(verb.asVerb().toUpperCase(Locale.ROOT), v -> new ArrayList<>())
                        .add(verb.getPath());
            }
        }
        return byVerb.entrySet().stream()
                .map(e -> e.getKey() + " " + String.join(", ", e.getValue()))
                .collect(Collectors.joining("; "));
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ProblemDetail problem = problem(
                code instanceof Integer i ? i : 500, request.getMethod(), uri == null ? null : uri.toString(), null);
        return ResponseEntity.status(problem.getStatus())
                .contentType(Problems.PROBLEM_JSON)
                .body(problem);
    }

    /**
     * The problem for an error outside the routes, with a detail that says what the API takes instead.
     *
     * @param fallback the detail when this class has no better one (e.g. Spring MVC's own), or null
     */
    ProblemDetail problem(int status, String method, String path, String fallback) {
        String where = path == null ? "this path" : path;
        String detail = switch (status) {
            case 404 -> "There is no endpoint at " + where + "; the API is " + endpoints() + " (see /docs)";
            case 405 ->
                method + " is not accepted here; " + where
                        + " takes the methods listed in /openapi.json (GET for data, POST for /refresh)";
            default ->
                fallback != null
                        ? fallback
                        : status >= 500
                                ? "The request failed unexpectedly; the server log has the cause"
                                : "The request could not be read; see /docs for what " + where + " accepts";
        };
        return status >= 500 && status != 503
                ? problems.of(status, "Internal error", detail, path)
                : problems.of(status, detail, path);
    }
}
