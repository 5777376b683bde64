package poolkit.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The report a person looks at: an SVG bar chart of the summaries, written by hand (SVG is plain XML text).
 */
public final class Chart {

    private Chart() {
    }

    /** Writes the chart to {@code file} as a standalone SVG document; open it in a browser. */
    public static void writeSvg(Path file, List<Summary> summaries) throws IOException {
        throw NotImplemented.task(4, "draw a bar per strategy and load, with the spread of the runs");
    }
}
