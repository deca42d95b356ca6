package io.github.eiaoutages.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of the three nuclear-outage routes, as EIA strings, derived from the generator days the way EIA
 * derives them: facility = Σ its generators, national = Σ all generators; percent = Σoutage / Σcapacity.
 */
final class SampleRoutes {

    private SampleRoutes() {}

    static Map<String, List<Map<String, String>>> build(List<SampleOutageData.Day> days) {
        List<Map<String, String>> generators = new ArrayList<>(days.size());
        Map<String, double[]> facilities = new LinkedHashMap<>();
        Map<String, String> facilityNames = new LinkedHashMap<>();
        Map<String, double[]> national = new LinkedHashMap<>();
        for (SampleOutageData.Day day : days) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("period", day.period().toString());
            row.put("facility", day.facility());
            row.put("facilityName", day.facilityName());
            row.put("generator", day.generator());
            row.put("capacity", SampleOutageData.eiaNumber(day.capacity()));
            row.put("outage", SampleOutageData.eiaNumber(day.outage()));
            row.put("percentOutage", Integer.toString(day.percentOutage()));
            generators.add(row);
            String facilityKey = day.period() + "|" + day.facility();
            facilityNames.put(facilityKey, day.facilityName());
            add(facilities.computeIfAbsent(facilityKey, k -> new double[2]), day);
            add(national.computeIfAbsent(day.period().toString(), k -> new double[2]), day);
        }
        List<Map<String, String>> facilityRows = new ArrayList<>();
        facilities.forEach((key, sums) -> {
            String[] parts = key.split("\\|");
            Map<String, String> row = new LinkedHashMap<>();
            row.put("period", parts[0]);
            row.put("facility", parts[1]);
            row.put("facilityName", facilityNames.get(key));
            putValues(row, sums);
            facilityRows.add(row);
        });
        List<Map<String, String>> usRows = new ArrayList<>();
        national.forEach((period, sums) -> {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("period", period);
            putValues(row, sums);
            usRows.add(row);
        });
        return Map.of(
                "generator-nuclear-outages",
                generators,
                "facility-nuclear-outages",
                facilityRows,
                "us-nuclear-outages",
                usRows);
    }

    private static void add(double[] sums, SampleOutageData.Day day) {
        sums[0] += day.capacity();
        sums[1] += day.outage();
    }

    private static void putValues(Map<String, String> row, double[] sums) {
        row.put("capacity", SampleOutageData.eiaNumber(SampleOutageData.round(sums[0], 1)));
        row.put("outage", SampleOutageData.eiaNumber(SampleOutageData.round(sums[1], 3)));
        row.put("percentOutage", SampleOutageData.eiaNumber(SampleOutageData.round(sums[1] / sums[0] * 100, 2)));
    }
}
