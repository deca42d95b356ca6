package io.github.eiaoutages.security;

import io.github.eiaoutages.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The API's 401 and 403 answers as RFC 9457 problems ({@link Problems}), with the Bearer challenge of RFC 6750
 * ({@code WWW-Authenticate: Bearer realm=…}, {@code error="invalid_token"} when a token was sent). They never echo
 * the token sent.
 */
final class BearerProblems implements AuthenticationEntryPoint, AuthenticationFailureHandler, AccessDeniedHandler {

    private static final String REALM = "Bearer realm=\"eia-outage-pipeline\"";

    private final Problems problems;

    BearerProblems(Problems problems) {
        this.problems = problems;
    }

    /** No token, or one the entry point was reached without (RFC 6750 3.1: no error code). */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        unauthorized(request, response, failure);
    }

    /** A token that is not the server's. */
    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        unauthorized(request, response, failure);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        problems.write(
                response,
                problems.of(403, "This token may not call " + request.getRequestURI(), request.getRequestURI()));
    }

    private void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        boolean tokenSent = failure != null && !(failure instanceof InsufficientAuthenticationException);
        response.setHeader("WWW-Authenticate", tokenSent ? REALM + ", error=\"invalid_token\"" : REALM);
        String detail = tokenSent
                ? failure.getMessage()
                : "This endpoint needs 'Authorization: Bearer <API_TOKEN>' (the token the server was started with)";
        problems.write(response, problems.of(401, detail, request.getRequestURI()));
    }
}
