package io.github.eiaoutages.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * The one place error answers are built: Spring's {@link ProblemDetail} (RFC 9457, {@code application/problem+json})
 * with {@code type}, {@code title}, {@code status}, {@code detail} and {@code instance} always set, plus the extra
 * members an {@link ApiException} carries. Used by the {@code api-errors} route configuration
 * ({@code routes/errors.camel.yaml}), the MVC advice and error controller ({@code serve/ErrorAnswers}) and the
 * security entry point ({@code security/SecurityConfig}). A failure that is not an {@link ApiException} is a 500
 * whose detail carries only an incident id for the log, never internals.
 */
@Component("problems")
public class Problems {

    /** RFC 9457's media type for problem answers. */
    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private static final Logger log = LoggerFactory.getLogger(Problems.class);
    private static final URI BLANK = URI.create("about:blank");

    private final ObjectMapper json;

    public Problems(ObjectMapper json) {
        this.json = json;
    }

    /** The problem for what a request threw; Camel's wrappers are looked through to the {@link ApiException}. */
    public ProblemDetail of(Throwable thrown, String path) {
        ApiException api = apiException(thrown);
        if (api == null) {
            String incident = UUID.randomUUID().toString();
            log.error("Request failed (incident {})", incident, thrown);
            return of(
                    500,
                    "Internal error",
                    "The request failed unexpectedly; the server log has the cause under incident " + incident,
                    path);
        }
        ProblemDetail problem = of(api.status(), api.title(), api.getMessage(), path);
        api.properties().forEach(problem::setProperty);
        return problem;
    }

    /** A problem with the status's standard reason phrase as title (RFC 9110), e.g. for 404, 405, 415. */
    public ProblemDetail of(int status, String detail, String path) {
        HttpStatus known = HttpStatus.resolve(status);
        return of(status, known != null ? known.getReasonPhrase() : "Error", detail, path);
    }

    /** A problem with every standard member set. */
    public ProblemDetail of(int status, String title, String detail, String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
        problem.setType(BLANK);
        problem.setTitle(title);
        if (path != null) {
            problem.setInstance(URI.create(path.replace(" ", "%20")));
        }
        return problem;
    }

    /** The status the API answers {@code thrown} with (the {@code api-errors} route sets it as the HTTP code). */
    public int status(Throwable thrown) {
        ApiException api = apiException(thrown);
        return api == null ? 500 : api.status();
    }

    /** The problem for {@code thrown} as the JSON text the route answers with. */
    public String json(Throwable thrown, String path) {
        return json(of(thrown, path));
    }

    /** A problem as JSON text, through Spring's ObjectMapper (which writes extra members at the top level). */
    public String json(ProblemDetail problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem answer could not be written as JSON", e);
        }
    }

    /** Writes a problem straight to a servlet response (filters and security handlers, outside Spring MVC). */
    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(PROBLEM_JSON.toString());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json(problem));
    }

    private static ApiException apiException(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
        }
        return null;
    }
}
