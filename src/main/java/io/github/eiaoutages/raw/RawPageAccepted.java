package io.github.eiaoutages.raw;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.springframework.stereotype.Component;

/**
 * Whether a list of records has any ({@code filter: ref: rawPageAccepted} in {@code routes/records.camel.yaml}): a
 * page whose rows the raw store already holds must not open a part, and a part completed empty (a window that
 * ended right after its last part filled up) must not be written.
 */
@Component("rawPageAccepted")
public class RawPageAccepted implements Predicate {

    @Override
    public boolean matches(Exchange exchange) {
        return exchange.getMessage().getBody() instanceof List<?> records && !records.isEmpty();
    }
}
