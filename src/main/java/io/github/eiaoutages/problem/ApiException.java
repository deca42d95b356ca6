package io.github.eiaoutages.problem;

import java.util.Map;

/**
 * An error the API answers with a status of its own (RFC 9457 problem, built by {@link Problems}): the message is
 * the problem's {@code detail} and says what to change; {@link #properties()} are extra members of the problem
 * (e.g. {@code parameter}, {@code active_run_id}). Anything else that fails a request is a 500 whose detail
 * holds only an incident id.
 */
public abstract class ApiException extends RuntimeException {

    private final int status;
    private final String title;

    protected ApiException(int status, String title, String message) {
        super(message);
        this.status = status;
        this.title = title;
    }

    /** The HTTP status (RFC 9110) the API answers with. */
    public int status() {
        return status;
    }

    /** The problem's short, fixed {@code title}. */
    public String title() {
        return title;
    }

    /** Extra members of the problem, snake_case names; none by default. */
    public Map<String, Object> properties() {
        return Map.of();
    }
}
