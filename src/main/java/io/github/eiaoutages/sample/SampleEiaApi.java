package io.github.eiaoutages.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.extract.EiaEndpoint;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stand-in for the three nuclear-outage routes of EIA API v2, served by this application when no EIA key is
 * set, answering through {@link EiaApiEmulator} over {@link SampleOutageData}. Like the real facility route, its
 * {@code total} counts generator rows rather than the facility rows it pages over.
 */
@RestController
class SampleEiaApi {

    private static final Map<String, String> UNITS = Map.of(
            "capacity", "megawatts", "outage", "megawatts", "percentOutage", "percent");
    private static final String GENERATOR = "generator-nuclear-outages";
    private static final String FACILITY = "facility-nuclear-outages";
    private static final String US = "us-nuclear-outages";

    private final EiaApiEmulator emulator;
    private LocalDate cachedDay;
    private Map<String, List<Map<String, String>>> cachedRows;

    SampleEiaApi(ObjectMapper mapper) {
        this.emulator = new EiaApiEmulator(mapper);
    }

    @GetMapping(value = {EiaEndpoint.SAMPLE_PATH + "/nuclear-outages/{route}/data",
            EiaEndpoint.SAMPLE_PATH + "/nuclear-outages/{route}/data/"}, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> data(@PathVariable String route, @RequestParam MultiValueMap<String, String> params) {
        Map<String, List<Map<String, String>>> rows = rows();
        EiaApiEmulator.Answer answer = switch (route) {
            case GENERATOR -> emulator.answer(new EiaApiEmulator.Route("nuclear-outages/" + route,
                    List.of("period", "facility", "facilityName", "generator"), UNITS, rows.get(route)), params);
            // The real facility route's total counts generator rows, not the facility rows it pages over.
            case FACILITY -> emulator.answer(new EiaApiEmulator.Route("nuclear-outages/" + route,
                    List.of("period", "facility", "facilityName"), UNITS, rows.get(route), rows.get(GENERATOR),
                    LongUnaryOperator.identity()), params);
            case US -> emulator.answer(new EiaApiEmulator.Route("nuclear-outages/" + route, List.of("period"), UNITS,
                    rows.get(route)), params);
            default -> emulator.notFound();
        };
        return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON).body(answer.body());
    }

    private synchronized Map<String, List<Map<String, String>>> rows() {
        LocalDate lastDay = SampleOutageData.lastPublishedDay();
        if (!lastDay.equals(cachedDay)) {
            cachedRows = SampleRoutes.build(SampleOutageData.generatorDays(lastDay));
            cachedDay = lastDay;
        }
        return cachedRows;
    }
}
