package io.github.eiaoutages.serve;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camel's JSON REST binding labels every answer {@code application/json}, the problems of the api-errors policy
 * included. RFC 9457 asks for {@code application/problem+json}: an error answer of the API gets that type here.
 */
@ConditionalOnWebApplication
@Component
class ProblemContentType extends OncePerRequestFilter {

    private static final String PROBLEM = "application/problem+json";

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void setContentType(String type) {
                super.setContentType(problem(type));
            }

            @Override
            public void setHeader(String name, String value) {
                super.setHeader(name, "content-type".equalsIgnoreCase(name) ? problem(value) : value);
            }

            @Override
            public void addHeader(String name, String value) {
                super.addHeader(name, "content-type".equalsIgnoreCase(name) ? problem(value) : value);
            }

            private String problem(String type) {
                return type != null && getStatus() >= 400 && type.startsWith("application/json") ? PROBLEM : type;
            }
        });
    }
}
