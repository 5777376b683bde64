package poolkit.tools.template;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** tools/grading-points.properties for a template: the kit's, without what the template does not have. */
public final class PointsFile {

    private static final Pattern KEY = Pattern.compile("^\\s*(module|test)\\.([^=:\\s#]+)\\s*[=:].*");

    private PointsFile() {
    }

    /**
     * The lines kept: all but those about a module ({@code module.X}) the template has not, or a test class
     * ({@code test.X}, not {@code test.default}) it has not; comments and other settings stay.
     */
    public static List<String> keep(List<String> lines, Predicate<String> hasModule, Predicate<String> hasTestClass) {
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            Matcher m = KEY.matcher(line);
            if (!m.matches() || m.group(1).equals("module") && hasModule.test(m.group(2))
                    || m.group(1).equals("test") && (m.group(2).equals("default") || hasTestClass.test(m.group(2)))) {
                kept.add(line);
            }
        }
        return kept;
    }
}
