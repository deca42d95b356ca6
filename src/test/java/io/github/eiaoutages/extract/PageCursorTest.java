package io.github.eiaoutages.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eiaoutages.TestSettings;
import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.DatasetSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paging rules of one window, one test per rule. */
class PageCursorTest {

    @TempDir
    Path work;

    private PageCursor cursor(int length) {
        DatasetSpec dataset = new DatasetCatalog(TestSettings.properties(work)).get("generator-nuclear-outages");
        return new PageCursor(dataset, "http://eia.test/data/", length, "2025-01-01", null, 100, false);
    }

    /** A full page of {@code rows} fingerprints, taken as the route does: advance, then the rows noted. */
    private static void page(PageCursor cursor, long... rows) {
        cursor.advance(new EiaPage(null, rows.length, List.of(), List.of()));
        cursor.sawRows(rows, rows.length);
    }

    @Test
    void a_server_that_answers_every_offset_with_the_same_page_stops_the_window_as_incomplete() {
        PageCursor cursor = cursor(3);
        page(cursor, 1, 2, 3);
        assertThat(cursor.hasMore()).isTrue();
        page(cursor, 3, 1, 2);
        assertThat(cursor.hasMore()).isFalse();
        assertThat(cursor.shortfall())
                .isEqualTo("window 2025-01-01..: EIA answered offset 3 with the same 3 rows as "
                        + "offset 0 (the server ignores offset); paging stopped, the window is incomplete");
    }

    @Test
    void full_pages_of_new_rows_keep_paging_and_a_short_page_ends_the_window_complete() {
        PageCursor cursor = cursor(3);
        page(cursor, 1, 2, 3);
        page(cursor, 4, 5, 6);
        assertThat(cursor.hasMore()).isTrue();
        page(cursor, 7);
        assertThat(cursor.hasMore()).isFalse();
        assertThat(cursor.shortfall()).isNull();
    }

    @Test
    void an_empty_page_ends_the_window() {
        PageCursor cursor = cursor(3);
        page(cursor, 1, 2, 3);
        page(cursor);
        assertThat(cursor.hasMore()).isFalse();
        assertThat(cursor.pages()).isEqualTo(2);
    }

    @Test
    void a_window_that_never_ends_stops_at_max_pages_naming_the_setting() {
        DatasetSpec dataset = new DatasetCatalog(TestSettings.properties(work)).get("generator-nuclear-outages");
        PageCursor cursor = new PageCursor(dataset, "http://eia.test/data/", 2, "2025-01-01", null, 3, false);
        page(cursor, 1, 2);
        page(cursor, 3, 4);
        assertThatThrownBy(() -> page(cursor, 5, 6))
                .isInstanceOf(EiaResponseException.class)
                .hasMessageContaining("did not end after 3 pages")
                .hasMessageContaining("pipeline.eia.max-pages-per-run");
    }

    @Test
    void the_query_asks_for_the_window_sorted_on_the_full_key_period_first_and_the_next_offset() {
        PageCursor cursor = cursor(3);
        page(cursor, 1, 2, 3);
        String query = java.net.URLDecoder.decode(cursor.query(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(query)
                .contains("frequency=daily")
                .contains("start=2025-01-01")
                .doesNotContain("end=")
                .contains("sort[0][column]=period&sort[0][direction]=asc")
                .contains("sort[1][column]=facility")
                .contains("sort[2][column]=generator")
                .contains("offset=3&length=3");
        // Brackets travel encoded, as EIA's own examples send them.
        assertThat(cursor.query()).contains("sort%5B0%5D%5Bcolumn%5D=period");
    }
}
