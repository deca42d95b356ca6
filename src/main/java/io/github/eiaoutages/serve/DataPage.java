package io.github.eiaoutages.serve;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The answer of {@code GET /data}: one page of outage events and the snapshot it was read from. It writes its
 * rows straight from the serving table's columns when the REST binding serializes it: building a map per row
 * first cost more CPU than finding the rows, at hundreds of pages a second.
 */
public final class DataPage extends JsonSerializable.Base {

    /**
     * What {@link DataPage} writes, for the OpenAPI document only ({@code outType} of {@code GET /data}): no answer is
     * built from it, since the rows are written straight from the columns. {@code OpenApiDocumentTest} fails when a
     * member the answer has is missing here.
     *
     * @param page 1-based page number
     * @param limit events per page
     * @param total events matching the filters, over all pages
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OutageEventPage(int page, int limit, long total, String snapshot, List<OutageEventRow> data) {}

    /**
     * One row of {@code GET /data}: an outage event, its generator and its start day's attributes (null when the
     * start day is not in {@code dim_date}). Times are the local midnights of the days, {@code end_ts} exclusive;
     * hours and days are whole, power in MW, energy in MWh, percent 0 to 100. (Not "OutageEvent": the document names
     * schemas by simple class name, and that one is the alerts' CloudEvent of GET /events.)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OutageEventRow(
            String outageId,
            long outageKey,
            int plantKey,
            String facilityId,
            String plantName,
            String generatorId,
            String unitName,
            LocalDate startDate,
            Integer year,
            Integer quarter,
            Integer month,
            String monthName,
            String dayName,
            @Schema(example = "2025-11-09T00:00:00") String startTs,
            @Schema(example = "2025-12-25T00:00:00") String endTs,
            int durationHours,
            int durationDays,
            double peakOutageMw,
            double avgOutageMw,
            double energyLostMwh,
            double avgPercentOutage,
            Double capacityMw,
            boolean isOngoing) {}

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    private static final String[] DATE_ATTRIBUTES = {"year", "quarter", "month", "month_name", "day_name"};

    private final int page;
    private final int limit;
    private final long total;
    private final ServingTable table;
    private final int[] events;

    DataPage(int page, int limit, long total, ServingTable table, int[] events) {
        this.page = page;
        this.limit = limit;
        this.total = total;
        this.table = table;
        this.events = events;
    }

    @Override
    public void serialize(JsonGenerator json, SerializerProvider serializers) throws IOException {
        json.writeStartObject();
        json.writeNumberField("page", page);
        json.writeNumberField("limit", limit);
        json.writeNumberField("total", total);
        json.writeStringField("snapshot", table.snapshotId);
        json.writeArrayFieldStart("data");
        for (int e : events) {
            writeEvent(json, e);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    @Override
    public void serializeWithType(JsonGenerator json, SerializerProvider serializers, TypeSerializer typeSerializer)
            throws IOException {
        serialize(json, serializers);
    }

    /** One row: the event, its plant and its start date's attributes, in the contract's column order. */
    private void writeEvent(JsonGenerator json, int e) throws IOException {
        ServingTable t = table;
        ServingTable.PlantRow plant = t.plants.get(t.plant[e]);
        ServingTable.DateRow date = t.date(t.startDay[e]);
        ServingTable.DateRow end = t.date(t.endDay[e]);
        json.writeStartObject();
        json.writeStringField("outage_id", t.outageId[e]);
        json.writeNumberField("outage_key", t.outageKey[e]);
        json.writeNumberField("plant_key", plant.plantKey());
        json.writeStringField("facility_id", plant.facilityId());
        json.writeStringField("plant_name", plant.plantName());
        json.writeStringField("generator_id", plant.generatorId());
        json.writeStringField("unit_name", plant.unitName());
        json.writeStringField(
                "start_date", date == null ? LocalDate.ofEpochDay(t.startDay[e]).toString() : date.iso());
        if (date == null) {
            for (String name : DATE_ATTRIBUTES) {
                json.writeNullField(name);
            }
        } else {
            json.writeNumberField("year", date.year());
            json.writeNumberField("quarter", date.quarter());
            json.writeNumberField("month", date.month());
            json.writeStringField("month_name", date.monthName());
            json.writeStringField("day_name", date.dayName());
        }
        json.writeStringField(
                "start_ts",
                date == null
                        ? TIMESTAMP.format(LocalDate.ofEpochDay(t.startDay[e]).atStartOfDay())
                        : date.isoMidnight());
        // The exclusive end of an ongoing event is the day after the newest day, beyond dim_date.
        json.writeStringField(
                "end_ts",
                end == null ? TIMESTAMP.format(LocalDate.ofEpochDay(t.endDay[e]).atStartOfDay()) : end.isoMidnight());
        json.writeNumberField("duration_hours", t.durationHours[e]);
        json.writeNumberField("duration_days", t.durationDays[e]);
        json.writeNumberField("peak_outage_mw", t.peakMw[e]);
        json.writeNumberField("avg_outage_mw", t.avgMw[e]);
        json.writeNumberField("energy_lost_mwh", t.energyMwh[e]);
        json.writeNumberField("avg_percent_outage", t.avgPercent[e]);
        if (t.capacityMw[e] == null) {
            json.writeNullField("capacity_mw");
        } else {
            json.writeNumberField("capacity_mw", t.capacityMw[e].doubleValue());
        }
        json.writeBooleanField("is_ongoing", t.ongoing[e]);
        json.writeEndObject();
    }
}
