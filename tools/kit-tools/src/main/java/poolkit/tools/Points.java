package poolkit.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * tools/grading-points.properties: {@code test.default} points per test (1 when absent); {@code test.<Class>}
 * or {@code test.<Class>#<method>} to override; {@code module.<exercise dir>} to fix a module's total (its tests'
 * points are scaled to it); {@code tampering} what tampering costs (see {@link Policy}).
 */
public record Points(Properties properties) {

    /**
     * What tampering costs, {@code tampering = ...}: {@code zero-module} (the default) scores a module 0 when its
     * canonical files were changed and not restored, or its reports disagree with Maven's run (a change to files
     * every module shares counts for every module); {@code zero-all} scores the whole grade 0 then; {@code
     * report-only} only reports it.
     */
    public enum Policy {
        ZERO_MODULE, ZERO_ALL, REPORT_ONLY;

        static Policy parse(String value) {
            String clean = value == null ? "zero-module" : value.replaceFirst("\\s*#.*$", "").trim();
            for (Policy policy : values()) {
                if (policy.key().equals(clean)) {
                    return policy;
                }
            }
            throw new UsageException(Kit.POINTS + ": tampering = '" + value + "' is not a policy: use zero-module,"
                    + " zero-all or report-only");
        }

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public Policy tampering() {
        return Policy.parse(properties.getProperty("tampering"));
    }

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
            } else if (!key.equals("tampering")) {
                throw new UsageException(Kit.POINTS + ": unknown key '" + key + "': use test.default, test.<Class>,"
                        + " test.<Class>#<method>, module.<exercise folder> or tampering");
            }
        }
        Points points = new Points(properties);
        points.tampering();
        return points;
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
        java.util.OptionalDouble fixed = fixedTotal(exercise);
        if (fixed.isPresent()) { // a module that does not compile, or lost its tests, keeps its full total as maximum
            earned = max == 0 ? 0 : fixed.getAsDouble() * earned / max;
            max = fixed.getAsDouble();
        }
        return new double[] {round(earned), round(max)};
    }

    /** What a module's test points are multiplied by: 1, or its fixed total over its tests' points. */
    public double scale(String exercise, ModuleRun run) {
        String fixed = properties.getProperty("module." + exercise);
        double max = run.tests().stream().mapToDouble(this::of).sum();
        if (fixed == null) {
            return 1;
        }
        double total = parse("module." + exercise, fixed);
        return max == 0 ? 0 : total / max;
    }

    /** The fixed total of a module, when one is set. */
    public java.util.OptionalDouble fixedTotal(String exercise) {
        String fixed = properties.getProperty("module." + exercise);
        return fixed == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(parse("module." + exercise, fixed));
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
