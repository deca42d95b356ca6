package io.github.eiaoutages.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.SampleAppTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard in headless Chromium (Debian's chromium package, installed by .ci/run) against the sample data:
 * the page loads its data from the API, the charts draw points and the tables have rows. It also leaves a
 * screenshot in target/dashboard.png. On a machine without Chromium it is skipped with one WARN line, so the
 * README's test command passes on a fresh machine; {@code -Drequire.chromium=true} (CI) turns that into a failure.
 */
@EnabledIf("chromiumOrRequired")
class DashboardE2ETest extends SampleAppTest {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    static boolean chromiumOrRequired() {
        if (Files.isExecutable(CHROMIUM) || Boolean.getBoolean("require.chromium")) {
            return true;
        }
        LoggerFactory.getLogger(DashboardE2ETest.class)
                .warn(
                        "Skipping the dashboard's browser test: no Chromium at {}. "
                                + "Install it (apt-get install chromium) or set CHROMIUM=/path/to/chromium; with -Drequire.chromium=true "
                                + "(as .ci/run runs) a missing Chromium fails the build instead",
                        CHROMIUM);
        return false;
    }

    @LocalServerPort
    int port;

    @Test
    void the_dashboard_draws_its_charts_and_fills_its_tables_from_the_api() throws Exception {
        assertThat(CHROMIUM)
                .as("headless browser for this test: install Debian's chromium package (.ci/run does) "
                        + "or set CHROMIUM to a Chromium binary")
                .isExecutable();
        // One browser start for both: the DOM once the page has loaded, and the README's screenshot of it.
        Path screenshot = Path.of("target", "dashboard.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        String dom = chromium("--dump-dom", "--screenshot=" + screenshot);

        assertThat(dom).contains("data-loaded=\"true\"");
        assertThat(attribute(dom, "national-chart", "data-points"))
                .as("days in the national line")
                .isGreaterThan(300);
        assertThat(attribute(dom, "top-plants-chart", "data-points"))
                .as("bars of top plants")
                .isEqualTo(10);
        assertThat(rows(dom, "ongoing")).as("ongoing outages").isGreaterThan(0);
        assertThat(rows(dom, "runs")).as("last runs").isGreaterThan(0);
        assertThat(rows(dom, "alerts"))
                .as("outage alerts (the first build's snapshot.initial)")
                .isGreaterThan(0);
        assertThat(rows(dom, "freshness")).as("datasets").isEqualTo(3);
        assertThat(dom).contains("class=\"state-fresh\"").contains("class=\"state-succeeded\"");
        assertThat(dom).doesNotContain("id=\"error\" class=\"error\">");
        for (String chart : List.of("national-chart", "top-plants-chart")) {
            assertThat(text(dom, chart, "data-axes-fit"))
                    .as("every axis label of %s inside its canvas", chart)
                    .isEqualTo("true");
            assertThat(text(dom, chart, "data-axis-labels").split("\\|"))
                    .as("a unit on every axis of %s", chart)
                    .hasSize(2)
                    .allSatisfy(label -> assertThat(label).matches(".*\\(.+\\).*"));
        }
        assertThat(text(dom, "national-chart", "data-tick-labels")
                        .split("\\|")[0]
                        .split(";"))
                .as("date labels, each on one line")
                .isNotEmpty()
                .allSatisfy(label -> assertThat(label).matches("\\d{4}-\\d\\d-\\d\\d"));
        assertThat(legends(dom))
                .as("legends after load")
                .isNotEmpty()
                .allSatisfy(legend -> assertThat(legend).doesNotContain("--"));

        assertThat(screenshot).isNotEmptyFile();
    }

    /** The text of an attribute of the element with {@code id}. */
    private static String text(String dom, String id, String attribute) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*" + attribute + "=\"([^\"]*)\"")
                .matcher(dom);
        if (!m.find()) {
            Matcher before = Pattern.compile(attribute + "=\"([^\"]*)\"[^>]*id=\"" + id + "\"")
                    .matcher(dom);
            assertThat(before.find()).as("%s of #%s in %s", attribute, id, dom).isTrue();
            return before.group(1).replace("&amp;", "&");
        }
        return m.group(1).replace("&amp;", "&");
    }

    /** The text of each uPlot legend (its series labels and values). */
    private static List<String> legends(String dom) {
        List<String> legends = new ArrayList<>();
        Matcher m = Pattern.compile("<table class=\"u-legend[^\"]*\">(.*?)</table>", Pattern.DOTALL)
                .matcher(dom);
        while (m.find()) {
            legends.add(m.group(1).replaceAll("<[^>]+>", " "));
        }
        return legends;
    }

    /** Runs headless Chromium on the dashboard with {@code actions} ({@code --dump-dom}, {@code --screenshot=…}). */
    private String chromium(String... actions) throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile-");
        List<String> command = new ArrayList<>(List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=1400,1250",
                // Lets the page's fetches and charts finish before the DOM or the screenshot is taken.
                "--virtual-time-budget=20000"));
        command.addAll(List.of(actions));
        command.add("http://127.0.0.1:" + port + "/");
        Path out = Files.createTempFile("chromium-", ".out");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 120 s");
        }
        return Files.readString(out);
    }

    private static int attribute(String dom, String id, String name) {
        Matcher m =
                Pattern.compile("id=\"" + id + "\"[^>]*" + name + "=\"(\\d+)\"").matcher(dom);
        assertThat(m.find())
                .as("%s of #%s in %s", name, id, dom.length() > 2000 ? dom.substring(0, 2000) : dom)
                .isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static int rows(String dom, String table) {
        int start = dom.indexOf("id=\"" + table + "\"");
        int body = dom.indexOf("<tbody>", start);
        int end = dom.indexOf("</tbody>", body);
        assertThat(start).as("table #%s", table).isGreaterThanOrEqualTo(0);
        return (dom.substring(body, end).length()
                        - dom.substring(body, end).replace("<tr>", "").length())
                / 4;
    }
}
