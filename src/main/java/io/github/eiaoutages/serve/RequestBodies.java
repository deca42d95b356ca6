package io.github.eiaoutages.serve;

import io.github.eiaoutages.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API takes no request body: every option is a query parameter ({@code /openapi.json}). A request that sends
 * one is refused as a problem ({@link Problems}) before Camel's JSON binding would misread it (a bare
 * {@code 400 Invalid JSon payload.} in {@code text/xml}): 415 for a body that is not JSON (RFC 9110 15.5.16),
 * 400 for a JSON one. An empty body ({@code Content-Length: 0}) is no body.
 */
@ConditionalOnWebApplication
@Component
class RequestBodies extends OncePerRequestFilter {

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final Problems problems;

    RequestBodies(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return ApiPaths.PATTERNS.stream().noneMatch(pattern -> PATHS.match(pattern, path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean body = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if (!body) {
            chain.doFilter(request, response);
            return;
        }
        String type = request.getContentType();
        boolean json = type != null && type.toLowerCase(Locale.ROOT).contains("json");
        String endpoint = request.getMethod() + " " + request.getRequestURI();
        String detail = endpoint + " takes no request body"
                + (json ? "" : " (this one is " + (type == null ? "of no stated type" : type) + ")")
                + "; its options are query parameters, listed in /openapi.json";
        problems.write(response, problems.of(json ? 400 : 415, detail, request.getRequestURI()));
    }
}
