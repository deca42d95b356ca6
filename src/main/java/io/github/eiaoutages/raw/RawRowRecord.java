package io.github.eiaoutages.raw;

import org.apache.camel.Exchange;
import org.apache.camel.support.ExpressionAdapter;
import org.springframework.stereotype.Component;

/**
 * The Avro record of an accepted row ({@code setBody: ref: rawRowRecord} inside the idempotent consumer): what its
 * Parquet part stores, without the key that was only needed for the check. A compiled expression: it is evaluated
 * once per accepted row.
 */
@Component("rawRowRecord")
public class RawRowRecord extends ExpressionAdapter {

    @Override
    public Object evaluate(Exchange exchange) {
        return exchange.getMessage().getBody(RawRow.class).getRecord();
    }
}
