package io.github.eiaoutages.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** 401 answers of the API as RFC 9457 problems with the Bearer challenge; they never echo the token sent. */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static AuthenticationEntryPoint bearerChallenge() {
        return (request, response, failure) -> unauthorized(response, failure);
    }

    static void unauthorized(HttpServletResponse response, AuthenticationException failure) throws IOException {
        boolean tokenSent = failure != null && !(failure instanceof org.springframework.security.authentication.InsufficientAuthenticationException);
        response.setStatus(401);
        response.setHeader("WWW-Authenticate", tokenSent
                ? "Bearer realm=\"eia-outage-pipeline\", error=\"invalid_token\""
                : "Bearer realm=\"eia-outage-pipeline\"");
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String detail = tokenSent ? failure.getMessage()
                : "This endpoint needs 'Authorization: Bearer <API_TOKEN>' (the token the server was started with)";
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\""
                + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}
