package io.github.eiaoutages.cluster;

import io.github.eiaoutages.config.InvalidConfigurationException;
import java.net.URI;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The cluster's PostgreSQL database once its schema is current: statements ({@link #jdbc}) and transactions
 * ({@link #tx}) for the lease, run records, fires and the snapshot id. Made only after Flyway's migration, so
 * whatever depends on it finds the tables.
 */
public record ClusterDatabase(JdbcTemplate jdbc, TransactionTemplate tx) {

    /**
     * The database could not be reached or migrated at startup: what to check, naming the host and database but
     * never the password (a URL's query, which may carry one, is left out).
     */
    static InvalidConfigurationException unreachable(DataSourceProperties properties, Exception e) {
        String cause = e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().lines().findFirst().orElse("");
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t.getMessage() != null) {
                cause = t.getMessage().lines().findFirst().orElse(cause);
            }
        }
        return InvalidConfigurationException.withAction(
                "spring.datasource.url",
                "(" + describe(properties.getUrl()) + ", user " + properties.getUsername()
                        + ") could not be used for clustered mode: "
                        + io.github.eiaoutages.security.SecretMasking.mask(cause),
                "Check that PostgreSQL runs there and accepts this user (SPRING_DATASOURCE_URL, "
                        + "SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD), and that the user may create tables "
                        + "in that database");
    }

    /** A JDBC URL without its query string (where a password may be): {@code jdbc:postgresql://host:5432/db}. */
    static String describe(String url) {
        if (url == null) {
            return "";
        }
        int query = url.indexOf('?');
        String shown = query < 0 ? url : url.substring(0, query);
        try {
            URI uri = URI.create(shown.startsWith("jdbc:") ? shown.substring(5) : shown);
            if (uri.getUserInfo() != null) {
                shown = shown.replace(uri.getUserInfo() + "@", "");
            }
        } catch (IllegalArgumentException e) {
            // Not a URI: shown as given, without its query.
        }
        return shown;
    }
}
