package io.github.eiaoutages.security;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Pattern;

/**
 * Masks secrets in log output, whatever logged them: our code, Camel, or the HTTP client's DEBUG/TRACE wire log
 * (which prints request lines with {@code api_key=…} and EIA's response bodies, which echo the key). Secrets are
 * registered as the application reads them; any {@code api_key=} query value is masked as well.
 */
public final class SecretMasking {

    static final String MASK = "****";
    private static final Pattern API_KEY_PARAM = Pattern.compile("(api_key=)[^&\\s\"'\\]]+");
    private static final Pattern API_KEY_JSON = Pattern.compile("(\"api_key\"\\s*:\\s*\")[^\"]*");
    private static final Set<String> SECRETS = new CopyOnWriteArraySet<>();

    static {
        // Logging starts before Spring binds properties: cover the usual environment variables from the start.
        register(System.getenv("EIA_API_KEY"));
        register(System.getenv("API_TOKEN"));
        register(System.getenv("MANAGEMENT_PASSWORD"));
        // Clustered mode's PostgreSQL password.
        register(System.getenv("SPRING_DATASOURCE_PASSWORD"));
        register(System.getenv("ALERTS_WEBHOOK_SECRET"));
    }

    private SecretMasking() {}

    /** Masks {@code secret} in every log line from now on; blank or very short values are ignored. */
    public static void register(String secret) {
        if (secret != null && secret.trim().length() >= 4) {
            SECRETS.add(secret.trim());
        }
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : SECRETS) {
            if (masked.contains(secret)) {
                masked = masked.replace(secret, MASK);
            }
        }
        if (masked.contains("api_key")) {
            masked = API_KEY_PARAM.matcher(masked).replaceAll("$1" + MASK);
            masked = API_KEY_JSON.matcher(masked).replaceAll("$1" + MASK);
        }
        return masked;
    }
}
