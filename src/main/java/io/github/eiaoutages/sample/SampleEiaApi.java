package io.github.eiaoutages.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.extract.EiaEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stand-in for EIA API v2, served by this application when no EIA key is set, answering through
 * {@link EiaApiEmulator}: the three nuclear-outage routes over {@link SampleOutageData} (like the real facility
 * route, its {@code total} counts generator rows rather than the facility rows it pages over), and one route per
 * period shape over {@link SampleSeries} for the README's example datasets. Data, metadata
 * ({@code /v2/<route>/}) and facet ({@code /v2/<route>/facet/<id>/}) requests all answer.
 */
@ConditionalOnWebApplication
@RestController
class SampleEiaApi {

    private static final Map<String, String> UNITS =
            Map.of("capacity", "megawatts", "outage", "megawatts", "percentOutage", "percent");
    private static final String GENERATOR = "generator-nuclear-outages";
    private static final String FACILITY = "facility-nuclear-outages";
    private static final String US = "us-nuclear-outages";

    private final EiaApiEmulator emulator;
    private LocalDate cachedDay;
    private Instant cachedHour;
    private Map<String, EiaApiEmulator.Route> nuclear;
    private Map<String, EiaApiEmulator.Route> examples;

    SampleEiaApi(ObjectMapper mapper) {
        this.emulator = new EiaApiEmulator(mapper);
    }

    @GetMapping(value = EiaEndpoint.SAMPLE_PATH + "/**", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> answer(HttpServletRequest request, @RequestParam MultiValueMap<String, String> params) {
        String path =
                request.getRequestURI().substring(request.getContextPath().length() + EiaEndpoint.SAMPLE_PATH.length());
        // The example routes are built only when asked for: the nuclear ones are what a new user runs.
        boolean nuclearRoute = path.startsWith("/nuclear-outages/");
        EiaApiEmulator.Answer answer = emulator.answer(nuclearRoute ? nuclear() : examples(), path, params);
        return ResponseEntity.status(answer.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(answer.body());
    }

    private synchronized Map<String, EiaApiEmulator.Route> nuclear() {
        LocalDate lastDay = SampleOutageData.lastPublishedDay();
        if (!lastDay.equals(cachedDay)) {
            Map<String, List<Map<String, String>>> rows = SampleRoutes.build(SampleOutageData.generatorDays(lastDay));
            nuclear = Map.of(
                    "nuclear-outages/" + GENERATOR,
                            new EiaApiEmulator.Route(
                                    "nuclear-outages/" + GENERATOR,
                                    List.of("period", "facility", "facilityName", "generator"),
                                    UNITS,
                                    rows.get(GENERATOR)),
                    // The real facility route's total counts generator rows, not the facility rows it pages over.
                    "nuclear-outages/" + FACILITY,
                            new EiaApiEmulator.Route(
                                            "nuclear-outages/" + FACILITY,
                                            List.of("period", "facility", "facilityName"),
                                            UNITS,
                                            rows.get(FACILITY))
                                    .withTotal(rows.get(GENERATOR), LongUnaryOperator.identity()),
                    "nuclear-outages/" + US,
                            new EiaApiEmulator.Route("nuclear-outages/" + US, List.of("period"), UNITS, rows.get(US)));
            cachedDay = lastDay;
        }
        return nuclear;
    }

    private synchronized Map<String, EiaApiEmulator.Route> examples() {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        if (!hour.equals(cachedHour)) {
            examples = new LinkedHashMap<>();
            SampleSeries.published(hour).forEach(route -> examples.put(route.name(), route));
            cachedHour = hour;
        }
        return examples;
    }
}
