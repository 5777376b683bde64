package poolkit.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The chart is given code; what it draws comes from your Task 1: the summaries of the sample runs are made with
 * {@link Summary#of}, which reads each run's histogram with {@link Statistics#latencies} and condenses the runs with
 * {@link Statistics#spread}. Runs with a German default locale, where String.format writes 1,5 for 1.5: SVG
 * coordinates must not.
 */
@DisplayName("Task 1: the given SVG chart draws the summaries your statistics make")
class ChartTest {

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
    @DisplayName("an SVG document that names every strategy, model and load, with a bar per strategy and load")
    void namesEveryStrategyAndLoad() throws Exception {
        List<Summary> summaries = Summary.of(SampleResults.measurements());

        Document svg = writeAndParse(summaries);

        String text = svg.getDocumentElement().getTextContent();
        for (Summary summary : summaries) {
            assertThat(text).as("the chart's text (strategy names belong in a legend or labels)")
                    .contains(summary.strategy());
            assertThat(text).as("the chart's text (each load model belongs in a panel title)")
                    .contains(summary.model());
            assertThat(text.replace(",", "").replace(".", "").replace(" ", ""))
                    .as("the chart's text (each load belongs in a panel title or label)")
                    .contains(String.valueOf(summary.load()));
        }
        assertThat(svg.getElementsByTagNameNS("*", "rect").getLength())
                .as("<rect> elements: at least one bar per strategy and load (%d)", summaries.size())
                .isGreaterThanOrEqualTo(summaries.size());
    }

    @Test
    @DisplayName("coordinates are plain numbers: no 12,5 from the locale, no NaN when every request failed")
    void coordinatesAreNumbers() throws Exception {
        List<Summary> summaries = new ArrayList<>(Summary.of(SampleResults.measurements()));
        summaries.add(SampleResults.allFailed());

        Document svg = writeAndParse(summaries);

        NodeList shapes = svg.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < shapes.getLength(); i++) {
            Element shape = (Element) shapes.item(i);
            for (String attribute : List.of("x", "y", "width", "height", "x1", "y1", "x2", "y2", "cx", "cy", "r")) {
                String value = shape.getAttribute(attribute);
                if (value.isEmpty() || value.endsWith("%")) {
                    continue;
                }
                assertThat(value).as("<%s %s=\"%s\">", shape.getLocalName(), attribute, value)
                        .matches("-?[0-9]+(\\.[0-9]+)?(px)?");
            }
        }
    }

    private Document writeAndParse(List<Summary> summaries) throws Exception {
        Path file = folder.resolve("chart.svg");
        Chart.writeSvg(file, summaries);
        assertThat(file).as("the chart file").exists().isNotEmptyFile();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document svg;
        try (var input = Files.newInputStream(file)) {
            svg = factory.newDocumentBuilder().parse(input);
        }
        assertThat(svg.getDocumentElement().getLocalName()).as("root element of %s", file).isEqualTo("svg");
        return svg;
    }
}
