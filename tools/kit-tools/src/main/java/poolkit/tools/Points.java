package poolkit.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * tools/grading-points.properties: {@code test.default} points per test (1 when absent); {@code test.<Class>}
 * or {@code test.<Class>#<method>} to override; {@code module.<exercise dir>} to fix a module's total (its tests'
 * points are scaled to it).
 */
public record Points(Properties properties) {

    public static Points load(Path file) throws IOException {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (var reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
        }
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("test.") || key.startsWith("module.")) {
                parse(key, properties.getProperty(key)); // a typo fails now, not after every test has run
            }
        }
        return new Points(properties);
    }

    public double of(TestResult test) {
        String method = test.method().replaceFirst("\\(.*$", "");
        for (String key : List.of("test." + test.className() + "#" + method, "test." + test.className(), "test.default")) {
            String value = properties.getProperty(key);
            if (value != null) {
                return parse(key, value);
            }
        }
        return 1;
    }

    /** {earned, max} for a module. */
    public double[] score(String exercise, ModuleRun run) {
        double max = run.tests().stream().mapToDouble(this::of).sum();
        double earned = run.tests().stream().filter(t -> t.status() == Status.PASSED).mapToDouble(this::of).sum();
        String fixed = properties.getProperty("module." + exercise);
        if (fixed != null) {
            double total = parse("module." + exercise, fixed);
            earned = max == 0 ? 0 : total * earned / max;
            max = total;
        }
        return new double[] {round(earned), round(max)};
    }

    /** A number, forgiving a trailing "# comment" (which .properties files would otherwise keep in the value). */
    static double parse(String key, String value) {
        String number = value.replaceFirst("\\s*#.*$", "").trim();
        try {
            return Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new UsageException(Kit.POINTS + ": " + key + " = '" + value + "' is not a number of points");
        }
    }

    public static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** A score as people read it: 12, 12.5, 12.33. */
    public static String number(double value) {
        return Json.number(value);
    }
}
