package io.github.eiaoutages.alerts;

import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.security.SecretMasking;
import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;
import org.springframework.stereotype.Component;

/**
 * The webhook's signature header, {@code X-Signature-256: sha256=<hex>}: HMAC-SHA256 (RFC 2104) of the exact body
 * bytes with {@code ALERTS_WEBHOOK_SECRET}, as GitHub signs its webhooks. A receiver recomputes it over the bytes it
 * got and compares in constant time. The secret is masked in every log line.
 */
@Component("alertSignature")
public class AlertSignature {

    public static final String HEADER = "X-Signature-256";

    private final String secret;
    private final String url;

    public AlertSignature(PipelineProperties properties) {
        this.secret = properties.alerts().webhook().secret();
        this.url = properties.alerts().webhook().url();
        SecretMasking.register(secret);
    }

    /**
     * The endpoint the webhook route posts to: the configured URL (its own query kept) and the HTTP client's options:
     * a receiver gets 5 s to accept the connection and 10 s to answer, then the event is retried like a refusal.
     */
    public String uri() {
        return url + (url.contains("?") ? "&" : "?") + "connectTimeout=5000&responseTimeout=10000";
    }

    /** {@code sha256=} and the lower-case hex HMAC-SHA256 of {@code body}. */
    public String sign(byte[] body) {
        return "sha256=" + new HmacUtils(HmacAlgorithms.HMAC_SHA_256, secret).hmacHex(body);
    }
}
