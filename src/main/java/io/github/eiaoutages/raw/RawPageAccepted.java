package io.github.eiaoutages.raw;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.springframework.stereotype.Component;

/**
 * Whether the idempotent consumer let any row of the page through ({@code filter: ref: rawPageAccepted} in
 * {@code routes/records.camel.yaml}): a page of rows the raw store already holds must not open an empty part.
 */
@Component("rawPageAccepted")
public class RawPageAccepted implements Predicate {

    @Override
    public boolean matches(Exchange exchange) {
        return exchange.getMessage().getBody() instanceof List<?> records && !records.isEmpty();
    }
}
