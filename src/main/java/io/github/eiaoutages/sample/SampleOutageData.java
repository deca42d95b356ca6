package io.github.eiaoutages.sample;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Invented but realistic daily outages of 27 real U.S. reactors (EIA plant codes and names), from 2024-01-01 to
 * yesterday: every generator every day, refueling outages every ~18 months, forced outages and partial derates,
 * capacity changes on quarter starts, and one plant that first appears already in outage (as Palisades did on
 * 2025-09-09). Deterministic: a day's figures never change as time passes, like settled EIA data.
 */
final class SampleOutageData {

    static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);

    /** facility, plant name, generator, capacity MW. */
    private static final Object[][] UNITS = {
        {"46", "Browns Ferry", "1", 1254.8},
        {"46", "Browns Ferry", "2", 1242.0},
        {"46", "Browns Ferry", "3", 1259.0},
        {"6008", "Palo Verde", "1", 1311.0},
        {"6008", "Palo Verde", "2", 1314.0},
        {"6008", "Palo Verde", "3", 1312.0},
        {"649", "Vogtle", "1", 1150.0},
        {"649", "Vogtle", "2", 1152.0},
        {"649", "Vogtle", "3", 1117.0},
        {"649", "Vogtle", "4", 1114.0},
        {"6099", "Diablo Canyon", "1", 1122.0},
        {"6099", "Diablo Canyon", "2", 1118.0},
        {"6011", "Calvert Cliffs", "1", 855.0},
        {"6011", "Calvert Cliffs", "2", 850.0},
        {"4270", "Waterford 3", "3", 1168.0},
        {"6145", "Comanche Peak", "1", 1205.0},
        {"6145", "Comanche Peak", "2", 1195.0},
        {"6251", "South Texas Project", "1", 1280.0},
        {"6251", "South Texas Project", "2", 1280.0},
        {"7722", "Watts Bar Nuclear Plant", "1", 1157.0},
        {"7722", "Watts Bar Nuclear Plant", "2", 1164.0},
        {"3166", "Peach Bottom", "2", 1300.0},
        {"3166", "Peach Bottom", "3", 1331.0},
        {"566", "Millstone", "2", 869.0},
        {"566", "Millstone", "3", 1229.0},
        {"371", "Columbia Generating Station", "2", 1153.0},
        {"1715", "Palisades", "1", 800.0},
    };

    private static final String LATE_FACILITY = "1715";
    private static final LocalDate LATE_FIRST_DAY = LocalDate.of(2025, 9, 9);
    private static final int LATE_FIRST_OUTAGE_DAYS = 389;

    /** One generator-day, values as EIA would send them before string encoding. */
    record Day(
            LocalDate period,
            String facility,
            String facilityName,
            String generator,
            double capacity,
            double outage,
            int percentOutage) {}

    private SampleOutageData() {}

    /** Every generator-day up to and including {@code lastDay}, in period, facility, generator order. */
    static List<Day> generatorDays(LocalDate lastDay) {
        List<Day> all = new ArrayList<>();
        for (Object[] unit : UNITS) {
            all.addAll(unitDays((String) unit[0], (String) unit[1], (String) unit[2], (Double) unit[3], lastDay));
        }
        all.sort(Comparator.comparing(Day::period).thenComparing(Day::facility).thenComparing(Day::generator));
        return all;
    }

    /** Yesterday in UTC: EIA publishes a day once it is over. */
    static LocalDate lastPublishedDay() {
        return LocalDate.now(ZoneOffset.UTC).minusDays(1);
    }

    private static List<Day> unitDays(
            String facility, String name, String generator, double baseCapacity, LocalDate lastDay) {
        Random random = new Random(facility.hashCode() * 31L + generator.hashCode());
        boolean late = facility.equals(LATE_FACILITY);
        LocalDate first = late ? LATE_FIRST_DAY : FIRST_DAY;
        double capacity = baseCapacity;
        int nextRefuel = late ? LATE_FIRST_OUTAGE_DAYS + 480 : 30 + random.nextInt(500);
        int outageLeft = late ? LATE_FIRST_OUTAGE_DAYS : 0;
        int outagePercent = 100;
        List<Day> days = new ArrayList<>();
        int i = 0;
        for (LocalDate d = first; !d.isAfter(lastDay); d = d.plusDays(1), i++) {
            if (d.getDayOfMonth() == 1
                    && (d.getMonthValue() == 1 || d.getMonthValue() == 4 || d.getMonthValue() == 10)
                    && random.nextInt(3) == 0) {
                // Seasonal ratings move a few MW on quarter starts.
                capacity = round(baseCapacity + (random.nextInt(81) - 40) / 10.0, 1);
            }
            if (outageLeft == 0) {
                if (i >= nextRefuel) {
                    outageLeft = 22 + random.nextInt(25);
                    outagePercent = 100;
                    nextRefuel = i + outageLeft + 480 + random.nextInt(90);
                } else if (random.nextInt(1000) < 3) {
                    outageLeft = 1 + random.nextInt(12);
                    outagePercent = 100;
                } else if (random.nextInt(1000) < 8) {
                    outageLeft = 1 + random.nextInt(5);
                    outagePercent = 5 + random.nextInt(56);
                }
            }
            int percent = outageLeft > 0 ? outagePercent : 0;
            if (outageLeft > 0) {
                outageLeft--;
            }
            double outage = round(capacity * percent / 100.0, 3);
            days.add(new Day(d, facility, name, generator, capacity, outage, percent));
        }
        return days;
    }

    /** EIA's number text: no trailing zeros, no point for whole numbers, no leading zero ({@code ".18"}). */
    static String eiaNumber(double value) {
        String text = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        if (text.startsWith("0.")) {
            return text.substring(1);
        }
        if (text.startsWith("-0.")) {
            return "-" + text.substring(2);
        }
        return text;
    }

    static double round(double value, int decimals) {
        return BigDecimal.valueOf(value)
                .setScale(decimals, RoundingMode.HALF_UP)
                .doubleValue();
    }
}
