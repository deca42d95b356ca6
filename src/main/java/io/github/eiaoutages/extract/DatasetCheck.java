package io.github.eiaoutages.extract;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eiaoutages.config.DatasetSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests that check one dataset's configuration against EIA before its first fetch: the route's metadata
 * ({@code GET <route>/}: frequencies, facet ids, data columns), then one facet list per configured facet
 * ({@code GET <route>/facet/<id>/}). Lives in the exchange like a page cursor; the route asks it {@link #hasMore()}
 * and fetches {@link #url()} through the same rate ceiling and retries as the data pages.
 */
public final class DatasetCheck implements EiaRequest {

    private final DatasetSpec dataset;
    private final String routeUrl;
    private final List<String> facets;
    private final List<JsonNode> answers = new ArrayList<>();
    private final Attempts attempts = new Attempts();

    DatasetCheck(DatasetSpec dataset, String routeUrl) {
        this.dataset = dataset;
        this.routeUrl = routeUrl;
        this.facets = List.copyOf(dataset.facets().keySet());
    }

    public DatasetSpec dataset() {
        return dataset;
    }

    public boolean hasMore() {
        return answers.size() <= facets.size();
    }

    @Override
    public Attempts attempts() {
        return attempts;
    }

    @Override
    public String describe() {
        return "metadata check ("
                + url().substring(routeUrl.length() - dataset.route().length()) + ")";
    }

    /** The next request: the metadata first, then each facet's list of values. Never carries the key. */
    @Override
    public String url() {
        int next = answers.size();
        return next == 0 ? routeUrl + "/" : routeUrl + "/facet/" + facets.get(next - 1) + "/";
    }

    /** No query of its own: the HTTP client adds the key. */
    @Override
    public String query() {
        return "";
    }

    void answered(JsonNode response) {
        attempts.reset();
        answers.add(response);
    }

    /** The metadata answer's {@code response} object. */
    JsonNode metadata() {
        return answers.get(0);
    }

    /** The {@code response} of the facet list of {@code facet}. */
    JsonNode facetValues(String facet) {
        return answers.get(facets.indexOf(facet) + 1);
    }
}
