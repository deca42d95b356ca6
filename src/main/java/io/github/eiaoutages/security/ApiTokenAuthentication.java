package io.github.eiaoutages.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * {@code Authorization: Bearer <API_TOKEN>} for the data and run endpoints. The token is compared in constant
 * time over SHA-256 digests, so neither its content nor its length leaks through response timing.
 */
final class ApiTokenAuthentication {

    static final String ROLE = "ROLE_API";
    private static final String PREFIX = "Bearer ";

    private ApiTokenAuthentication() {}

    /** Reads the bearer token of a request; null (anonymous) when there is no Authorization header. */
    static AuthenticationConverter converter() {
        return (HttpServletRequest request) -> {
            String header = request.getHeader("Authorization");
            if (header == null) {
                return null;
            }
            if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                throw new BadCredentialsException("The Authorization header must be 'Bearer <API_TOKEN>'");
            }
            return new Token(header.substring(PREFIX.length()).trim(), false);
        };
    }

    /** Accepts exactly the configured token. */
    static AuthenticationManager manager(String expected) {
        byte[] expectedDigest = sha256(expected);
        return authentication -> {
            Object given = authentication.getCredentials();
            if (given instanceof String token && MessageDigest.isEqual(sha256(token), expectedDigest)) {
                return new Token(null, true);
            }
            throw new BadCredentialsException("The bearer token is not the API_TOKEN this server was started with");
        };
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The caller's token before the check; an authenticated API client (no token kept) after it. */
    static final class Token extends AbstractAuthenticationToken {

        private final transient String token;

        Token(String token, boolean authenticated) {
            super(authenticated ? List.of(new SimpleGrantedAuthority(ROLE)) : List.of());
            this.token = token;
            setAuthenticated(authenticated);
        }

        @Override
        public Object getCredentials() {
            return token;
        }

        @Override
        public Object getPrincipal() {
            return "api-client";
        }
    }
}
