package io.github.eiaoutages.raw;

import org.apache.camel.Exchange;
import org.apache.camel.support.ExpressionAdapter;
import org.springframework.stereotype.Component;

/**
 * The idempotency key of the row in an exchange, for the idempotent consumer ({@code ref: rawRowKey}). A compiled
 * expression, because it is evaluated once per row and the simple language would reach it by reflection.
 */
@Component("rawRowKey")
public class RawRowKey extends ExpressionAdapter {

    @Override
    public Object evaluate(Exchange exchange) {
        return exchange.getMessage().getBody(RawRow.class).getIdempotencyKey();
    }
}
