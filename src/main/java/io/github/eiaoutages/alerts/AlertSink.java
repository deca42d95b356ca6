package io.github.eiaoutages.alerts;

import io.github.eiaoutages.config.PipelineProperties;
import java.util.Locale;

/**
 * One place events are delivered to: its name ({@code webhook}, {@code file}, {@code mqtt}), the {@code direct:}
 * route of {@code routes/alerts.camel.yaml} that sends to it, and the filter from {@code application.yaml}.
 */
public record AlertSink(String name, String endpoint, PipelineProperties.AlertFilter filter) {

    static AlertSink of(String name, PipelineProperties.AlertFilter filter) {
        return new AlertSink(name, "direct:alert-" + name, filter);
    }

    /**
     * True when the sink wants the event: snapshot and test events always; outage events when they match every
     * part of the filter that is set (type, facility, plant name in any case, peak MW at least).
     */
    public boolean accepts(OutageEvent event) {
        if (!event.type().startsWith("outage.")) {
            return true;
        }
        OutageEvent.Data data = event.data();
        if (!filter.types().isEmpty() && !filter.types().contains(event.type())) {
            return false;
        }
        if (!filter.facilities().isEmpty() && !filter.facilities().contains(data.facilityId())) {
            return false;
        }
        if (!filter.plantName().isBlank()
                && (data.plantName() == null
                        || !data.plantName()
                                .toLowerCase(Locale.ROOT)
                                .contains(filter.plantName().toLowerCase(Locale.ROOT)))) {
            return false;
        }
        return filter.minMw() <= 0 || (data.peakOutageMw() != null && data.peakOutageMw() >= filter.minMw());
    }
}
