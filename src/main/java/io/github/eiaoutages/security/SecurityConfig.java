package io.github.eiaoutages.security;

import io.github.eiaoutages.problem.Problems;
import io.github.eiaoutages.serve.ApiPaths;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * Who may call what. Management (Hawtio, Jolokia, Prometheus, actuator) needs the management login, health stays
 * open for probes. The API (data, plants, analytics, runs, refresh) needs {@code Authorization: Bearer <API_TOKEN>}
 * when API_TOKEN is set and is open otherwise. Docs, the dashboard and the bundled sample EIA API stay open.
 */
@ConditionalOnWebApplication
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    @Order(1)
    SecurityFilterChain management(HttpSecurity http) throws Exception {
        // EndpointRequest, not a path pattern: Jolokia is a servlet of its own, which an MVC path matcher misses.
        stateless(http)
                .securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(auth -> auth.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class))
                        .permitAll()
                        .anyRequest()
                        .hasRole("ADMIN"))
                .httpBasic(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, @Value("${pipeline.api.token:}") String token, Problems problems)
            throws Exception {
        SecretMasking.register(token);
        stateless(http);
        if (token == null || token.isBlank()) {
            http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
            return http.build();
        }
        // The manager is built here, not as a bean, so Spring Boot still sets up (and, with no password
        // configured, generates) the management user.
        AuthenticationFilter bearer =
                new AuthenticationFilter(ApiTokenAuthentication.manager(token), ApiTokenAuthentication.converter());
        bearer.setSuccessHandler((request, response, authentication) -> {});
        BearerProblems answers = new BearerProblems(problems);
        bearer.setFailureHandler(answers);
        http.addFilterBefore(bearer, BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(ApiPaths.PATTERNS.toArray(String[]::new))
                        .hasAuthority(ApiTokenAuthentication.ROLE)
                        .anyRequest()
                        .permitAll())
                .exceptionHandling(e -> e.authenticationEntryPoint(answers).accessDeniedHandler(answers));
        return http.build();
    }

    /**
     * A JSON API and Jolokia called with credentials on every request: no session, no CSRF token. The security
     * headers are written before the request is handled, not on the way out: Camel's platform-http answers
     * asynchronously, and Spring Security writing them while the answer is committed on another thread made Tomcat
     * send, now and then, an empty header line ({@code ": "}) that HTTP clients reject (spring-security#9175, #15510;
     * seen under load by {@code WindowPartsTest} polling {@code GET /runs/{id}}).
     */
    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .headers(headers -> headers.addObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                }))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    }
}
