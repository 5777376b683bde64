package poolkit.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs with a German default locale, where String.format writes 1,5 for 1.5: reports must not. */
@DisplayName("Task 5: the console table, CSV and JSON")
class ReportsTest {

    @TempDir
    Path folder;
    private Locale defaultLocale;

    @BeforeEach
    void commaDecimals() {
        defaultLocale = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(defaultLocale);
    }

    @Test
    @DisplayName("table: a header, then one line per summary with its strategy, model, load and median throughput")
    void table() {
        List<Summary> summaries = SampleResults.summaries();

        String table = Reports.table(summaries);

        List<String> lines = table.lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines.size()).as("non-blank lines of the table (a header and %d summaries):%n%s",
                summaries.size(), table).isGreaterThanOrEqualTo(summaries.size() + 1);
        for (Summary summary : summaries) {
            String median = String.valueOf(Math.round(summary.throughput().median()));
            assertThat(lines).as("lines of the table naming %s, model %s, at load %d, with its median throughput "
                            + "%s:%n%s", summary.strategy(), summary.model(), summary.load(), median, table)
                    .filteredOn(line -> tokens(line).contains(summary.strategy())
                            && tokens(line).contains(summary.model())
                            && tokens(line).contains(String.valueOf(summary.load())))
                    .singleElement().asString().contains(median);
            String line = lines.stream().filter(candidate -> tokens(candidate).contains(summary.strategy())
                    && tokens(candidate).contains(summary.model())
                    && tokens(candidate).contains(String.valueOf(summary.load()))).findFirst().orElseThrow();
            List<Double> numbers = numbers(line.replace(summary.strategy(), " ").replace(summary.model(), " "));
            double p99 = summary.p99Millis().median();
            double max = summary.maxMillis().median();
            assertThat(numbers).as("numbers on the line of %s, model %s, at load %d: they must show its latencies, "
                    + "among them the median p99 (%s ms) and max (%s ms), to within 0.5 ms:%n%s", summary.strategy(),
                    summary.model(), summary.load(), p99, max, line)
                    .anySatisfy(number -> assertThat(number).as("p99 ms").isCloseTo(p99, within(0.5)))
                    .anySatisfy(number -> assertThat(number).as("max ms").isCloseTo(max, within(0.5)));
        }
    }

    /** The unsigned decimal numbers in {@code text}, in order (so "98-111" is 98 and 111). */
    private static List<Double> numbers(String text) {
        return Pattern.compile("\\d+(\\.\\d+)?").matcher(text).results()
                .map(match -> Double.parseDouble(match.group())).toList();
    }

    @Test
    @DisplayName("CSV: the header, then one row per run with every figure, decimals with a dot")
    void csv() throws Exception {
        List<Measurement> measurements = SampleResults.measurements();
        Path file = folder.resolve("results.csv");

        Reports.writeCsv(file, measurements);

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).as("lines of %s", file).hasSize(measurements.size() + 1);
        assertThat(lines.get(0)).as("CSV header").isEqualTo(Reports.CSV_HEADER);
        for (int i = 0; i < measurements.size(); i++) {
            Measurement m = measurements.get(i);
            String[] cells = lines.get(i + 1).split(",");
            String row = "row " + (i + 1) + " (" + lines.get(i + 1) + ")";
            assertThat(cells).as("cells of %s", row).hasSize(16);
            assertThat(Arrays.copyOf(cells, 9)).as("strategy, model, load, repeat, requests, succeeded, errors, "
                    + "timeouts, connections_opened of %s", row).containsExactly(m.strategy(), m.model(),
                    "" + m.load(), "" + m.repeat(), "" + m.result().requests(), "" + m.result().succeeded(),
                    "" + m.result().errors(), "" + m.result().timeouts(), "" + m.connectionsOpened());
            assertThat(Double.parseDouble(cells[9])).as("elapsed_ms of %s", row)
                    .isCloseTo(m.result().elapsedNanos() / 1e6, within(0.01));
            assertThat(Double.parseDouble(cells[10])).as("throughput_rps of %s", row)
                    .isCloseTo(m.result().throughput(), within(0.01));
            LatencySummary latency = m.result().latency();
            assertThat(Double.parseDouble(cells[11])).as("p50_ms of %s", row)
                    .isCloseTo(LatencySummary.millis(latency.p50()), within(0.001));
            assertThat(Double.parseDouble(cells[12])).as("p90_ms of %s", row)
                    .isCloseTo(LatencySummary.millis(latency.p90()), within(0.001));
            assertThat(Double.parseDouble(cells[13])).as("p99_ms of %s", row)
                    .isCloseTo(LatencySummary.millis(latency.p99()), within(0.001));
            assertThat(Double.parseDouble(cells[14])).as("p999_ms of %s", row)
                    .isCloseTo(LatencySummary.millis(latency.p999()), within(0.001));
            assertThat(Double.parseDouble(cells[15])).as("max_ms of %s", row)
                    .isCloseTo(LatencySummary.millis(latency.max()), within(0.001));
        }
    }

    @Test
    @DisplayName("JSON: valid JSON, an array with one object per summary, each spread as {min, median, max}")
    @SuppressWarnings("unchecked")
    void json() throws Exception {
        List<Summary> summaries = SampleResults.summaries();
        Path file = folder.resolve("results.json");

        Reports.writeJson(file, summaries);

        Object parsed = Json.parse(Files.readString(file));
        assertThat(parsed).as("the JSON document").isInstanceOf(List.class);
        List<Object> array = (List<Object>) parsed;
        assertThat(array).as("objects in the JSON array").hasSize(summaries.size());
        for (int i = 0; i < summaries.size(); i++) {
            Summary s = summaries.get(i);
            Map<String, Object> object = (Map<String, Object>) array.get(i);
            assertThat(object).as("JSON object %d", i).containsEntry("strategy", s.strategy())
                    .containsEntry("model", s.model()).containsEntry("load", (double) s.load()).containsEntry("runs", (double) s.runs())
                    .containsEntry("errors", (double) s.errors()).containsEntry("timeouts", (double) s.timeouts());
            assertSpread(object, "throughput_rps", s.throughput());
            assertSpread(object, "p50_ms", s.p50Millis());
            assertSpread(object, "p90_ms", s.p90Millis());
            assertSpread(object, "p99_ms", s.p99Millis());
            assertSpread(object, "p999_ms", s.p999Millis());
            assertSpread(object, "max_ms", s.maxMillis());
            assertSpread(object, "connections_opened", s.connectionsOpened());
        }
    }

    @SuppressWarnings("unchecked")
    private static void assertSpread(Map<String, Object> object, String key, Spread expected) {
        assertThat(object).as("JSON object for %s", object.get("strategy")).containsKey(key);
        Map<String, Object> spread = (Map<String, Object>) object.get(key);
        assertThat((Double) spread.get("min")).as("%s.min", key).isCloseTo(expected.min(), within(0.01));
        assertThat((Double) spread.get("median")).as("%s.median", key).isCloseTo(expected.median(), within(0.01));
        assertThat((Double) spread.get("max")).as("%s.max", key).isCloseTo(expected.max(), within(0.01));
    }

    private static List<String> tokens(String line) {
        return Arrays.asList(line.trim().split("[\\s|]+"));
    }
}
