package io.github.eiaoutages.raw;

import org.apache.avro.generic.GenericRecord;

/** A typed row on its way to a Parquet part, with the key the idempotent consumer checks. */
public final class RawRow {

    private final String idempotencyKey;
    private final GenericRecord record;

    RawRow(String idempotencyKey, GenericRecord record) {
        this.idempotencyKey = idempotencyKey;
        this.record = record;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public GenericRecord getRecord() {
        return record;
    }
}
