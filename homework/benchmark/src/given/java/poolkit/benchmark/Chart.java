package poolkit.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * GIVEN: the report a person looks at: an SVG bar chart, one column of panels per load model and load, with a bar
 * per strategy showing the median over the runs and a whisker from the smallest to the largest run. The top row
 * shows throughput (higher is better), the bottom row p99 latency (lower is better). Each panel has its own scale:
 * the loads differ by orders of magnitude, and within a column the comparison between strategies is what matters.
 * SVG is plain XML text, so no chart library is needed.
 */
public final class Chart {

    private static final String[] COLOURS = {"#d62728", "#1f77b4", "#aec7e8", "#2ca02c", "#98df8a", "#9467bd",
            "#ff7f0e", "#8c564b"};
    private static final int BAR = 36;
    private static final int GAP = 12;
    private static final int PANEL_HEIGHT = 220;
    private static final int PLOT_HEIGHT = 150;
    private static final int TOP = 70;

    private Chart() {
    }

    /** Writes the chart to {@code file} as a standalone SVG document; open it in a browser. */
    public static void writeSvg(Path file, List<Summary> summaries) throws IOException {
        List<String> strategies = summaries.stream().map(Summary::strategy).distinct().toList();
        List<String> columns = summaries.stream().map(Chart::column).distinct().toList();
        int panelWidth = Math.max(200, 2 * GAP + strategies.size() * (BAR + GAP) + 40);
        int width = Math.max(640, 20 + columns.size() * panelWidth);
        int height = TOP + 2 * PANEL_HEIGHT + 20;

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n", width, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append("<text x=\"10\" y=\"20\" font-size=\"15\" font-weight=\"bold\">Connection strategies on PostgreSQL: "
                + "median of the runs, whiskers from min to max</text>\n");
        for (int i = 0; i < strategies.size(); i++) {
            int x = 10 + i * 130;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"32\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"42\">%s</text>%n", x, colour(i), x + 16, escape(strategies.get(i))));
        }
        for (int c = 0; c < columns.size(); c++) {
            String column = columns.get(c);
            List<Summary> inColumn = summaries.stream().filter(s -> column(s).equals(column)).toList();
            int x = 10 + c * panelWidth;
            panel(svg, x, TOP, column + ": throughput, req/s", inColumn, strategies, Summary::throughput);
            panel(svg, x, TOP + PANEL_HEIGHT, column + ": p99 latency, ms", inColumn, strategies,
                    Summary::p99Millis);
        }
        svg.append("</svg>\n");
        Files.writeString(file, svg.toString());
    }

    private static void panel(StringBuilder svg, int left, int top, String title, List<Summary> inColumn,
                              List<String> strategies, Function<Summary, Spread> figure) {
        double scaleMax = inColumn.stream().mapToDouble(s -> figure.apply(s).max()).max().orElse(0);
        double perUnit = scaleMax > 0 ? PLOT_HEIGHT / scaleMax : 0;
        int baseline = top + 30 + PLOT_HEIGHT;
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n",
                left, top + 12, escape(title)));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>%n",
                left, baseline, left + 2 * GAP + strategies.size() * (BAR + GAP), baseline));
        for (Summary summary : inColumn) {
            int index = strategies.indexOf(summary.strategy());
            Spread spread = figure.apply(summary);
            double barHeight = spread.median() * perUnit;
            int x = left + GAP + index * (BAR + GAP);
            svg.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%d\" y=\"%.1f\" width=\"%d\" "
                            + "height=\"%.1f\" fill=\"%s\"><title>%s, %s: %s</title></rect>%n",
                    x, baseline - barHeight, BAR, barHeight, colour(index), escape(summary.strategy()),
                    escape(column(summary)), describe(spread)));
            double whiskerTop = baseline - spread.max() * perUnit;
            double whiskerBottom = baseline - spread.min() * perUnit;
            int middle = x + BAR / 2;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\"/>"
                            + "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\"/>"
                            + "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\"/>%n",
                    middle, whiskerTop, middle, whiskerBottom, middle - 5, whiskerTop, middle + 5, whiskerTop,
                    middle - 5, whiskerBottom, middle + 5, whiskerBottom));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"middle\" "
                    + "font-size=\"9\">%s</text>%n", middle, whiskerTop - 4, number(spread.median())));
        }
    }

    private static String column(Summary summary) {
        return String.format(Locale.ROOT, "%s, %,d requests", summary.model(), summary.load());
    }

    private static String describe(Spread spread) {
        return "median " + number(spread.median()) + " (" + number(spread.min()) + " to " + number(spread.max()) + ")";
    }

    private static String number(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String colour(int index) {
        return COLOURS[index % COLOURS.length];
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
