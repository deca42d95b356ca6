package io.github.eiaoutages.serve;

import java.util.List;
import java.util.Locale;

/**
 * Which generators (dim_plant rows) a request asks for: the one definition of the plant filters of {@code GET /data},
 * {@code GET /plants} and {@code GET /analytics/monthly}. Each part is optional (null: any); a plant passes when every
 * given part holds. Ids are compared as values, never spliced into a query; the name is a case-insensitive part of the
 * plant name ({@code ferry} finds Browns Ferry).
 *
 * <p>A new plant filter of {@code /data} is a component and a test here, and its parsing in {@link DataQuery}.
 */
record PlantFilter(String facilityId, String generatorId, Integer plantKey, String nameContains) {

    PlantFilter {
        nameContains = nameContains == null ? null : nameContains.toLowerCase(Locale.ROOT);
    }

    /** True when some part is given, so that plants can fail it. */
    boolean filters() {
        return facilityId != null || generatorId != null || plantKey != null || nameContains != null;
    }

    /** True when {@code plant} passes every given part. */
    boolean test(ServingTable.PlantRow plant) {
        return (facilityId == null || facilityId.equals(plant.facilityId()))
                && (generatorId == null || generatorId.equals(plant.generatorId()))
                && (plantKey == null || plantKey == plant.plantKey())
                && (nameContains == null || plant.nameLowerCase().contains(nameContains));
    }

    /**
     * One flag per plant of {@code plants}, in its order (as {@link ServingTable#plant} indexes it): a filter over all
     * events then costs an array lookup per event, not a test of the plant's texts.
     */
    boolean[] over(List<ServingTable.PlantRow> plants) {
        boolean[] passes = new boolean[plants.size()];
        for (int p = 0; p < passes.length; p++) {
            passes[p] = test(plants.get(p));
        }
        return passes;
    }
}
