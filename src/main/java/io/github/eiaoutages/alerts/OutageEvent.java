package io.github.eiaoutages.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One change of an outage between two model snapshots, as a CloudEvents 1.0 JSON document (structured mode,
 * https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/formats/json-format.md). Attribute names are the
 * spec's own (lower case, no separators).
 *
 * @param id deterministic: {@code <snapshot>/<outage id>/<type>} ({@code <snapshot>/<type>} for snapshot events), so
 *     a receiver can drop an event delivered twice
 * @param type {@code outage.started}, {@code outage.ended}, {@code outage.revised}, {@code outage.withdrawn},
 *     {@code snapshot.initial}, {@code snapshot.bulk-change}, {@code pipeline.test}
 * @param source {@code /eia-outage-pipeline/<dataset>}: the EIA dataset the model is built from
 * @param time when the snapshot holding the change was built
 * @param subject the outage id ({@code facility-generator-yyyymmdd}); the snapshot id for snapshot events
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutageEvent(
        String specversion,
        String id,
        String source,
        String type,
        Instant time,
        String subject,
        String datacontenttype,
        Data data) {

    public static final String STARTED = "outage.started";
    public static final String ENDED = "outage.ended";
    public static final String REVISED = "outage.revised";
    public static final String WITHDRAWN = "outage.withdrawn";
    public static final String INITIAL = "snapshot.initial";
    public static final String BULK_CHANGE = "snapshot.bulk-change";
    public static final String TEST = "pipeline.test";

    /** A change of one outage, built by {@link OutageChanges}. */
    static OutageEvent of(String snapshot, String source, Instant time, String type, Data data) {
        return new OutageEvent(
                "1.0",
                snapshot + "/" + data.outageId() + "/" + type,
                source,
                type,
                time,
                data.outageId(),
                "application/json",
                data);
    }

    /** An event about a whole snapshot (first build, too many changes, a test). */
    static OutageEvent ofSnapshot(String snapshot, String source, Instant time, String type, Data data) {
        return new OutageEvent("1.0", snapshot + "/" + type, source, type, time, snapshot, "application/json", data);
    }

    /**
     * The event row: plant, days, MW and MWh as in {@code fact_outage} and {@code dim_plant}; for a revision or a
     * withdrawal the values the previous snapshot had ({@code previous}); for a moved start the event it replaces.
     * Snapshot events carry {@code snapshot}, {@code events} (how many changes) and {@code reason}.
     *
     * @param lastOutageDate the last day with outage (the event ends at 00:00 the day after)
     * @param endConfirmed EIA reported the unit back (the day after the last has outage 0)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Data(
            String snapshot,
            String outageId,
            String facilityId,
            String generatorId,
            String plantName,
            String unitName,
            LocalDate startDate,
            LocalDate lastOutageDate,
            Integer durationDays,
            Double peakOutageMw,
            Double avgOutageMw,
            Double energyLostMwh,
            Double capacityMw,
            Boolean isOngoing,
            Boolean endConfirmed,
            String replaces,
            Previous previous,
            Long events,
            String reason) {}

    /** What the previous snapshot said of the event. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Previous(LocalDate lastOutageDate, Double peakOutageMw, Double avgOutageMw, Double energyLostMwh) {}
}
