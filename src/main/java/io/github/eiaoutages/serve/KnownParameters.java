package io.github.eiaoutages.serve;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.rest.ParamDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;
import org.apache.camel.model.rest.VerbDefinition;
import org.springframework.stereotype.Component;

/**
 * Refuses a query parameter the endpoint does not declare ({@code routes/api.camel.yaml}, the REST DSL's
 * {@code param} list of each verb), with a 400 naming it and the parameters there are: a typo such as
 * {@code startdate=} would otherwise answer every row, and {@code POST /refresh?datset=} refresh every dataset.
 * Runs first in every API route ({@code interceptFrom} of the {@code api-errors} route configuration).
 */
@Component("knownParameters")
public class KnownParameters {

    private final CamelContext camel;
    /** Query parameter names by REST verb id ({@code get-data}, {@code post-refresh}, …). */
    private final Map<String, Optional<Set<String>>> byVerb = new ConcurrentHashMap<>();

    public KnownParameters(CamelContext camel) {
        this.camel = camel;
    }

    /**
     * Checks the request's query (RFC 3986 names, form-decoded) against the parameters of the REST verb the
     * exchange came in by; exchanges that did not come from a REST verb pass.
     *
     * @throws BadParameterException naming the first unknown parameter and the declared ones
     */
    public void check(Exchange exchange) {
        String verb = exchange.getFromRouteId();
        Optional<Set<String>> declared = verb == null ? Optional.empty() : byVerb.computeIfAbsent(verb, this::declared);
        String query = exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class);
        if (declared.isEmpty() || query == null || query.isEmpty()) {
            return;
        }
        Set<String> known = declared.get();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (!known.contains(name)) {
                throw new BadParameterException(
                        name,
                        "is not a parameter of this endpoint; "
                                + (known.isEmpty() ? "it takes none" : "it takes " + String.join(", ", known)));
            }
        }
    }

    /** The query parameters of a REST verb, or empty when no verb has that id (the exchange came another way). */
    private Optional<Set<String>> declared(String verbId) {
        Set<String> names = new LinkedHashSet<>();
        for (RestDefinition rest : ((ModelCamelContext) camel).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                if (verbId.equals(verb.getId())) {
                    for (ParamDefinition param : verb.getParams()) {
                        if (param.getType() == RestParamType.query) {
                            names.add(param.getName());
                        }
                    }
                    return Optional.of(names);
                }
            }
        }
        return Optional.empty();
    }
}
