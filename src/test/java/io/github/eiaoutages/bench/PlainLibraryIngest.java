package io.github.eiaoutages.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * The floor to compare the pipeline with: the same pages fetched one after the other, parsed with Jackson's
 * streaming parser into Avro records, deduplicated in a HashSet and written with a Parquet (ZSTD) writer. No
 * Camel, no retries, no quarantine, no commit protocol.
 */
final class PlainLibraryIngest {

    private static final Schema SCHEMA = SchemaBuilder.record("Row")
            .fields()
            .name("period")
            .type(LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT)))
            .noDefault()
            .requiredString("facility")
            .optionalString("facility_name")
            .requiredString("generator")
            .optionalDouble("capacity")
            .optionalDouble("outage")
            .optionalDouble("percent_outage")
            .endRecord();

    private PlainLibraryIngest() {}

    /** Rows written; pages are asked for window by window like the pipeline does. */
    static long run(String baseUrl, LocalDate start, int windowDays, LocalDate end, int pageSize, Path out)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        JsonFactory json = new JsonFactory();
        Set<String> keys = new HashSet<>();
        long rows = 0;
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(out))
                .withSchema(SCHEMA)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .build()) {
            for (LocalDate from = start; !from.isAfter(end); from = from.plusDays(windowDays)) {
                LocalDate to = from.plusDays(windowDays - 1);
                for (int offset = 0; ; offset += pageSize) {
                    URI uri = URI.create(baseUrl + "/nuclear-outages/generator-nuclear-outages/data/?start=" + from
                            + "&end=" + to + "&offset=" + offset + "&length=" + pageSize);
                    HttpResponse<InputStream> response =
                            http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofInputStream());
                    int received = 0;
                    try (JsonParser p = json.createParser(response.body())) {
                        while (p.nextToken() != null) {
                            if (p.currentToken() == JsonToken.FIELD_NAME && "data".equals(p.currentName())) {
                                p.nextToken();
                                while (p.nextToken() == JsonToken.START_OBJECT) {
                                    GenericRecord record = new GenericData.Record(SCHEMA);
                                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                                        String field = p.currentName();
                                        p.nextToken();
                                        switch (field) {
                                            case "period" ->
                                                record.put("period", (int) LocalDate.parse(p.getText())
                                                        .toEpochDay());
                                            case "facility" -> record.put("facility", p.getText());
                                            case "facilityName" -> record.put("facility_name", p.getText());
                                            case "generator" -> record.put("generator", p.getText());
                                            case "capacity" -> record.put("capacity", Double.parseDouble(p.getText()));
                                            case "outage" -> record.put("outage", Double.parseDouble(p.getText()));
                                            case "percentOutage" ->
                                                record.put("percent_outage", Double.parseDouble(p.getText()));
                                            default -> p.skipChildren();
                                        }
                                    }
                                    received++;
                                    String key = record.get("period") + "|" + record.get("facility") + "|"
                                            + record.get("generator");
                                    if (keys.add(key)) {
                                        writer.write(record);
                                        rows++;
                                    }
                                }
                            }
                        }
                    }
                    if (received < pageSize) {
                        break;
                    }
                }
            }
        }
        return rows;
    }
}
