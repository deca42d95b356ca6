package io.github.eiaoutages.raw;

import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.config.FieldSpec;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * The Avro (and so Parquet) schema of a dataset's raw rows: its fields as snake_case columns, key columns
 * required and value columns nullable (EIA withholds values as null), {@code period_label} (the period as EIA
 * sent it) for every dataset that is not daily, then three columns of our own.
 */
final class RawRecordSchema {

    /** The run that stored the row; the model takes the newest run's revision of a key. */
    static final String RUN_ID = "_run_id";
    /** 64-bit fingerprint of dataset + key + values: what the idempotent repository is rebuilt from. */
    static final String ROW_FINGERPRINT = "_row_fp";
    /** 64-bit fingerprint of dataset + key alone: tells a revision (known key, new values) from a new row. */
    static final String KEY_FINGERPRINT = "_key_fp";

    private RawRecordSchema() {}

    static Schema of(DatasetSpec dataset) {
        var fields = SchemaBuilder.record(avroName(dataset.id()))
                .namespace("io.github.eiaoutages.raw")
                .fields();
        for (FieldSpec field : dataset.fields()) {
            Schema type = switch (field.type()) {
                case STRING -> Schema.create(Schema.Type.STRING);
                case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
                case HOUR -> LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
                case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
                case LONG -> Schema.create(Schema.Type.LONG);
            };
            boolean required = dataset.keyFields().contains(field);
            fields = fields.name(field.column())
                    .type(required ? type : Schema.createUnion(Schema.create(Schema.Type.NULL), type))
                    .noDefault();
        }
        if (dataset.storesPeriodLabel()) {
            // Right after the fields: a typed row carries the label in that position (DatasetSpec.rowWidth).
            fields = fields.name(DatasetSpec.PERIOD_LABEL).type().stringType().noDefault();
        }
        return fields.name(RUN_ID)
                .type()
                .stringType()
                .noDefault()
                .name(ROW_FINGERPRINT)
                .type()
                .longType()
                .noDefault()
                .name(KEY_FINGERPRINT)
                .type()
                .longType()
                .noDefault()
                .endRecord();
    }

    private static String avroName(String datasetId) {
        StringBuilder name = new StringBuilder();
        for (String part : datasetId.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return name.isEmpty() || !Character.isLetter(name.charAt(0)) ? "Dataset" + name : name.toString();
    }
}
