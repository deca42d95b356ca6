package io.github.eiaoutages.raw;

import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.extract.EiaPage;
import io.github.eiaoutages.extract.PageCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.springframework.stereotype.Component;

/** Turns a page of typed rows into Avro records with their idempotency keys, a page at a time. */
@Component("rawRecords")
public class RawRecords {

    private final DatasetCatalog datasets;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    public RawRecords(DatasetCatalog datasets) {
        this.datasets = datasets;
    }

    /**
     * The page's typed rows as records with their idempotency keys; the window's cursor notes them for its
     * completeness check.
     */
    public List<RawRow> fromPage(EiaPage page, String datasetId, String runId, PageCursor cursor) {
        DatasetSpec dataset = datasets.get(datasetId);
        Schema schema = schema(dataset);
        int runIdPos = schema.getField(RawRecordSchema.RUN_ID).pos();
        int rowFpPos = schema.getField(RawRecordSchema.ROW_FINGERPRINT).pos();
        int keyFpPos = schema.getField(RawRecordSchema.KEY_FINGERPRINT).pos();
        int periodPos = dataset.period().index();
        List<RawRow> rows = new ArrayList<>(page.rows().size());
        long[] fingerprintsSeen = new long[page.rows().size()];
        for (Object[] values : page.rows()) {
            GenericData.Record record = new GenericData.Record(schema);
            for (int i = 0; i < values.length; i++) {
                record.put(i, values[i]);
            }
            long[] fingerprints = IdempotencyKey.fingerprints(dataset, values);
            long rowFp = fingerprints[0];
            long keyFp = fingerprints[1];
            record.put(runIdPos, runId);
            record.put(rowFpPos, rowFp);
            record.put(keyFpPos, keyFp);
            fingerprintsSeen[rows.size()] = rowFp;
            long period = ((Number) values[periodPos]).longValue();
            rows.add(new RawRow(IdempotencyKey.format(rowFp, keyFp, period, runId, datasetId), record));
        }
        cursor.sawRows(fingerprintsSeen, rows.size());
        return rows;
    }

    Schema schema(DatasetSpec dataset) {
        return schemas.computeIfAbsent(dataset.id(), id -> RawRecordSchema.of(dataset));
    }
}
