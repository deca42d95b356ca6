package io.github.eiaoutages.serve;

import io.github.eiaoutages.problem.ApiException;
import java.util.Map;

/** A query parameter that cannot be used; the message names it and what it accepts. */
public class BadParameterException extends ApiException {

    private final String parameter;

    public BadParameterException(String parameter, String problem) {
        super(400, "Bad parameter", "Parameter '" + parameter + "' " + problem);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("parameter", parameter);
    }
}
