package io.github.eiaoutages.sample;

import io.github.eiaoutages.period.Frequency;
import io.github.eiaoutages.period.Period;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Invented but EIA-shaped rows of one route per period shape, for the README's example datasets: EIA-930 hourly
 * region data (UTC hours), EIA-930 generation by fuel in local hours (with the DST change), monthly power plant
 * operations, weekly natural gas storage, quarterly STEO series and annual CO2 emissions. Column names, facets,
 * units and period formats follow the real routes; the values are made up. Deterministic: a period's values never
 * depend on the range asked for, like settled EIA data.
 */
public final class SampleSeries {

    /** EIA-930 balancing authorities of the region-data example (EIA's respondent ids and names). */
    static final Map<String, String> REGIONS = ordered(
            "PJM", "PJM Interconnection, LLC",
            "CISO", "California Independent System Operator",
            "MISO", "Midcontinent Independent System Operator, Inc.",
            "ERCO", "Electric Reliability Council of Texas, Inc.",
            "SWPP", "Southwest Power Pool");

    private static final Map<String, Double> REGION_DEMAND_MW =
            Map.of("PJM", 88000.0, "CISO", 24000.0, "MISO", 72000.0, "ERCO", 48000.0, "SWPP", 33000.0);
    private static final Map<String, String> REGION_TYPES = ordered(
            "D", "Demand", "DF", "Day-ahead demand forecast", "NG", "Net generation", "TI", "Total interchange");
    /** Local-hourly respondents: Arizona has no DST, Texas does (two 01:00 hours on the fall-back day). */
    private static final Map<String, String> LOCAL_RESPONDENTS = ordered(
            "ERCO", "Electric Reliability Council of Texas, Inc.",
            "SRP", "Salt River Project Agricultural Improvement and Power District");

    private static final Map<String, ZoneId> LOCAL_ZONES =
            Map.of("ERCO", ZoneId.of("America/Chicago"), "SRP", ZoneId.of("America/Phoenix"));
    private static final Map<String, String> FUEL_TYPES =
            ordered("NUC", "Nuclear", "NG", "Natural Gas", "SUN", "Solar", "WND", "Wind");
    private static final Map<String, String> STATES = ordered("US", "U.S. Total", "TX", "Texas", "CA", "California");
    private static final Map<String, String> POWER_FUELS = ordered(
            "ALL",
            "all fuels",
            "NUC",
            "nuclear",
            "NG",
            "natural gas",
            "COW",
            "all coal products",
            "SUN",
            "solar",
            "WND",
            "wind");
    private static final Map<String, String> STORAGE_AREAS = ordered(
            "R31",
            "East Region",
            "R32",
            "Midwest Region",
            "R33",
            "Mountain Region",
            "R34",
            "Pacific Region",
            "R35",
            "South Central Region",
            "NUS",
            "Lower 48 States");
    private static final Map<String, String> STEO_SERIES = ordered(
            "PATC_WORLD", "World Petroleum and Other Liquid Fuels Consumption, million barrels per day",
            "NGHHUUS", "Henry Hub Natural Gas Spot Price, dollars per million Btu",
            "ESTCU_US", "Average Retail Price of Electricity, All Sectors, cents per kilowatthour");
    private static final Map<String, String> CO2_SECTORS = ordered(
            "TT", "Total carbon dioxide emissions from all sectors", "EC", "Electric Power carbon dioxide emissions");
    private static final Map<String, String> CO2_FUELS =
            ordered("TO", "All Fuels", "CO", "Coal", "NG", "Natural Gas", "PE", "Petroleum");

    private SampleSeries() {}

    /** Every example route with what EIA would have published by {@code now}. */
    static List<EiaApiEmulator.Route> published(Instant now) {
        Instant lastHour = now.truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
        Instant firstHour = lastHour.minus(60, ChronoUnit.DAYS);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate lastFriday = today.minusDays(6).with(TemporalAdjusters.previousOrSame(DayOfWeek.FRIDAY));
        return List.of(
                regionData(hour(Frequency.HOURLY, firstHour), hour(Frequency.HOURLY, lastHour)),
                fuelTypeLocalHourly(hour(Frequency.LOCAL_HOURLY, firstHour), hour(Frequency.LOCAL_HOURLY, lastHour)),
                powerOperationalMonthly(
                        Frequency.MONTHLY.parse("2001-01"),
                        Frequency.MONTHLY.containing(now, null).plus(-2)),
                gasStorageWeekly(Frequency.WEEKLY.parse("2010-01-01"), Frequency.WEEKLY.parse(lastFriday.toString())),
                steoQuarterly(
                        Frequency.QUARTERLY.parse("2015-Q1"),
                        Frequency.QUARTERLY.containing(now, null).plus(4)),
                co2Annual(
                        Frequency.ANNUAL.parse("1970"),
                        Frequency.ANNUAL.containing(now, null).plus(-1)));
    }

    /** {@code electricity/rto/region-data}, hourly (UTC): demand, forecast, net generation, interchange in MWh. */
    public static EiaApiEmulator.Route regionData(Period from, Period to) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Period hour = from; !hour.isAfter(to); hour = hour.plus(1)) {
            int hourOfDay = hour.start().atOffset(ZoneOffset.UTC).getHour();
            for (Map.Entry<String, String> region : REGIONS.entrySet()) {
                double shape = 1 + 0.15 * Math.sin(2 * Math.PI * (hourOfDay - 12) / 24.0);
                double demand = REGION_DEMAND_MW.get(region.getKey())
                        * shape
                        * (0.97 + 0.06 * noise(region.getKey() + "D", hour));
                double generation = demand * (0.96 + 0.08 * noise(region.getKey() + "NG", hour));
                for (Map.Entry<String, String> type : REGION_TYPES.entrySet()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    row.put("period", hour.label());
                    row.put("respondent", region.getKey());
                    row.put("respondent-name", region.getValue());
                    row.put("type", type.getKey());
                    row.put("type-name", type.getValue());
                    row.put(
                            "value",
                            switch (type.getKey()) {
                                case "D" -> whole(demand);
                                // A forecast EIA withholds now and then: null, not zero.
                                case "DF" ->
                                    noise(region.getKey() + "DFnull", hour) < 0.005
                                            ? null
                                            : whole(demand * (0.97 + 0.06 * noise(region.getKey() + "DF", hour)));
                                case "NG" -> whole(generation);
                                default -> whole(generation - demand);
                            });
                    rows.add(row);
                }
            }
        }
        return new EiaApiEmulator.Route(
                "electricity/rto/region-data",
                Frequency.HOURLY,
                List.of("period", "respondent", "respondent-name", "type", "type-name"),
                ordered("respondent", "respondent-name", "type", "type-name"),
                Map.of("value", "megawatthours"),
                rows,
                rows,
                v -> v);
    }

    /**
     * {@code electricity/rto/fuel-type-data}, local-hourly: net generation by energy source in each respondent's
     * local hour, labelled with its UTC offset ({@code 2026-11-01T01-05}, then {@code 2026-11-01T01-06}).
     */
    public static EiaApiEmulator.Route fuelTypeLocalHourly(Period from, Period to) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Period hour = from; !hour.isAfter(to); hour = hour.plus(1)) {
            for (Map.Entry<String, String> respondent : LOCAL_RESPONDENTS.entrySet()) {
                ZonedDateTime local = hour.start().atZone(LOCAL_ZONES.get(respondent.getKey()));
                String label = Frequency.LOCAL_HOURLY
                        .fromStored(hour.start(), local.getOffset())
                        .label();
                for (Map.Entry<String, String> fuel : FUEL_TYPES.entrySet()) {
                    double sun = Math.max(0, Math.sin(Math.PI * (local.getHour() - 6) / 13.0));
                    double value = switch (fuel.getKey()) {
                        case "NUC" -> respondent.getKey().equals("SRP") ? 4000 : 5100;
                        case "NG" -> 9000 + 6000 * noise(respondent.getKey() + "NG", hour);
                        case "SUN" -> 7000 * sun * (0.7 + 0.3 * noise(respondent.getKey() + "SUN", hour));
                        default -> 12000 * noise(respondent.getKey() + "WND", hour);
                    };
                    Map<String, String> row = new LinkedHashMap<>();
                    row.put("period", label);
                    row.put("respondent", respondent.getKey());
                    row.put("respondent-name", respondent.getValue());
                    row.put("fueltype", fuel.getKey());
                    row.put("type-name", fuel.getValue());
                    row.put("value", whole(value));
                    rows.add(row);
                }
            }
        }
        return new EiaApiEmulator.Route(
                "electricity/rto/fuel-type-data",
                Frequency.LOCAL_HOURLY,
                List.of("period", "respondent", "respondent-name", "fueltype", "type-name"),
                ordered("respondent", "respondent-name", "fueltype", "type-name"),
                Map.of("value", "megawatthours"),
                rows,
                rows,
                v -> v);
    }

    /** {@code electricity/electric-power-operational-data}, monthly: net generation in thousand MWh. */
    public static EiaApiEmulator.Route powerOperationalMonthly(Period from, Period to) {
        List<Map<String, String>> rows = new ArrayList<>();
        Map<String, Double> stateTotal = Map.of("US", 340000.0, "TX", 40000.0, "CA", 17000.0);
        Map<String, Double> share = Map.of("ALL", 1.0, "NUC", 0.18, "NG", 0.42, "COW", 0.16, "SUN", 0.07, "WND", 0.11);
        for (Period month = from; !month.isAfter(to); month = month.plus(1)) {
            double season = 1 + 0.15 * Math.cos(2 * Math.PI * (month.firstDay().getMonthValue() - 7) / 12.0);
            for (Map.Entry<String, String> state : STATES.entrySet()) {
                for (Map.Entry<String, String> fuel : POWER_FUELS.entrySet()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    row.put("period", month.label());
                    row.put("location", state.getKey());
                    row.put("stateDescription", state.getValue());
                    row.put("sectorid", "99");
                    row.put("sectorDescription", "All Sectors");
                    row.put("fueltypeid", fuel.getKey());
                    row.put("fuelTypeDescription", fuel.getValue());
                    row.put(
                            "generation",
                            SampleOutageData.eiaNumber(SampleOutageData.round(
                                    stateTotal.get(state.getKey())
                                            * share.get(fuel.getKey())
                                            * season
                                            * (0.95 + 0.1 * noise(state.getKey() + fuel.getKey(), month)),
                                    3)));
                    rows.add(row);
                }
            }
        }
        return new EiaApiEmulator.Route(
                "electricity/electric-power-operational-data",
                Frequency.MONTHLY,
                List.of(
                        "period",
                        "location",
                        "stateDescription",
                        "sectorid",
                        "sectorDescription",
                        "fueltypeid",
                        "fuelTypeDescription"),
                ordered(
                        "location",
                        "stateDescription",
                        "sectorid",
                        "sectorDescription",
                        "fueltypeid",
                        "fuelTypeDescription"),
                Map.of("generation", "thousand megawatthours"),
                rows,
                rows,
                v -> v);
    }

    /** {@code natural-gas/stor/wkly}, weekly (weeks ending on Friday): working gas in storage, billion cubic feet. */
    public static EiaApiEmulator.Route gasStorageWeekly(Period from, Period to) {
        List<Map<String, String>> rows = new ArrayList<>();
        Map<String, Double> capacity = Map.of("R31", 900.0, "R32", 1100.0, "R33", 260.0, "R34", 300.0, "R35", 1250.0);
        for (Period week = from; !week.isAfter(to); week = week.plus(1)) {
            double fill = 0.55 + 0.35 * Math.sin(2 * Math.PI * (week.firstDay().getDayOfYear() - 100) / 365.0);
            double total = 0;
            for (Map.Entry<String, String> area : STORAGE_AREAS.entrySet()) {
                double value = area.getKey().equals("NUS")
                        ? total
                        : Math.round(capacity.get(area.getKey()) * fill * (0.97 + 0.06 * noise(area.getKey(), week)));
                total += value;
                Map<String, String> row = new LinkedHashMap<>();
                row.put("period", week.label());
                row.put("duoarea", area.getKey());
                row.put("area-name", area.getValue());
                row.put("process", "SWO");
                row.put("process-name", "Working Gas in Underground Storage");
                row.put("value", whole(value));
                rows.add(row);
            }
        }
        return new EiaApiEmulator.Route(
                "natural-gas/stor/wkly",
                Frequency.WEEKLY,
                List.of("period", "duoarea", "area-name", "process", "process-name"),
                ordered("duoarea", "area-name", "process", "process-name"),
                Map.of("value", "BCF"),
                rows,
                rows,
                v -> v);
    }

    /** {@code steo}, quarterly: Short-Term Energy Outlook series, history and forecast quarters alike. */
    public static EiaApiEmulator.Route steoQuarterly(Period from, Period to) {
        List<Map<String, String>> rows = new ArrayList<>();
        Map<String, Double> level = Map.of("PATC_WORLD", 101.0, "NGHHUUS", 3.1, "ESTCU_US", 12.4);
        for (Period quarter = from; !quarter.isAfter(to); quarter = quarter.plus(1)) {
            for (Map.Entry<String, String> series : STEO_SERIES.entrySet()) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("period", quarter.label());
                row.put("seriesId", series.getKey());
                row.put("seriesDescription", series.getValue());
                row.put(
                        "value",
                        SampleOutageData.eiaNumber(SampleOutageData.round(
                                level.get(series.getKey()) * (0.9 + 0.2 * noise(series.getKey(), quarter)), 4)));
                rows.add(row);
            }
        }
        return new EiaApiEmulator.Route(
                "steo",
                Frequency.QUARTERLY,
                List.of("period", "seriesId", "seriesDescription"),
                ordered("seriesId", "seriesDescription"),
                Map.of("value", "various"),
                rows,
                rows,
                v -> v);
    }

    /** {@code co2-emissions/co2-emissions-aggregates}, annual: energy-related CO2, million metric tons. */
    public static EiaApiEmulator.Route co2Annual(Period from, Period to) {
        List<Map<String, String>> rows = new ArrayList<>();
        Map<String, Double> state = Map.of("US", 4800.0, "TX", 650.0, "CA", 320.0);
        Map<String, Double> fuel = Map.of("TO", 1.0, "CO", 0.22, "NG", 0.36, "PE", 0.42);
        for (Period year = from; !year.isAfter(to); year = year.plus(1)) {
            for (Map.Entry<String, String> place : STATES.entrySet()) {
                for (Map.Entry<String, String> sector : CO2_SECTORS.entrySet()) {
                    for (Map.Entry<String, String> f : CO2_FUELS.entrySet()) {
                        Map<String, String> row = new LinkedHashMap<>();
                        row.put("period", year.label());
                        row.put("sectorId", sector.getKey());
                        row.put("sector-name", sector.getValue());
                        row.put("fuelId", f.getKey());
                        row.put("fuel-name", f.getValue());
                        row.put("stateId", place.getKey());
                        row.put("state-name", place.getValue());
                        row.put(
                                "value",
                                SampleOutageData.eiaNumber(SampleOutageData.round(
                                        state.get(place.getKey())
                                                * fuel.get(f.getKey())
                                                * (sector.getKey().equals("EC") ? 0.32 : 1.0)
                                                * (0.9
                                                        + 0.2
                                                                * noise(
                                                                        place.getKey() + sector.getKey() + f.getKey(),
                                                                        year)),
                                        6)));
                        rows.add(row);
                    }
                }
            }
        }
        return new EiaApiEmulator.Route(
                "co2-emissions/co2-emissions-aggregates",
                Frequency.ANNUAL,
                List.of("period", "sectorId", "sector-name", "fuelId", "fuel-name", "stateId", "state-name"),
                ordered("sectorId", "sector-name", "fuelId", "fuel-name", "stateId", "state-name"),
                Map.of("value", "million metric tons of CO2"),
                rows,
                rows,
                v -> v);
    }

    private static Period hour(Frequency frequency, Instant instant) {
        return frequency.containing(instant, null);
    }

    /** A number in [0, 1) fixed by the series and the period (SplitMix64 of both). */
    private static double noise(String series, Period period) {
        long z = series.hashCode() * 0x9E3779B97F4A7C15L + period.ordinal();
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    private static String whole(double value) {
        return Long.toString(Math.round(value));
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
