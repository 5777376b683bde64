package poolkit.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a module's test sources declare, read from the sources: the test methods of each test class (so a test that
 * reported no result still counts), and the {@code @DisplayName}s of classes and methods.
 */
public final class TestSources {

    static final Pattern TEST_ANNOTATION = Pattern.compile("@(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\\b");
    static final Pattern DISPLAY_NAME = Pattern.compile("@DisplayName\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)");
    static final Pattern CLASS_DECLARATION = Pattern.compile("\\b(?:class|interface|record)\\s+(\\w+)");
    static final Pattern METHOD_DECLARATION = Pattern.compile("\\bvoid\\s+(\\w+)\\s*\\(");
    static final Pattern METHOD_NAME = Pattern.compile("(\\w+)\\s*\\(");
    static final Pattern EXTENDS = Pattern.compile("\\bclass\\s+\\w+(?:<[^>]*>)?\\s+extends\\s+([\\w.]+)");

    private TestSources() {
    }

    /** Test classes surefire runs by default, with the test methods each declares (from the source, in order). */
    public static Map<String, List<String>> declaredTests(Path sources) throws IOException {
        Map<String, List<String>> declared = new TreeMap<>();
        if (!Files.isDirectory(sources)) {
            return declared;
        }
        try (Stream<Path> walk = Files.walk(sources)) {
            for (Path file : walk.filter(p -> p.getFileName().toString()
                    .matches("(Test.*|.*Test|.*Tests|.*TestCase)\\.java")).sorted().toList()) {
                if (Files.readString(file).contains("abstract class")) {
                    continue;
                }
                List<String> lines = new ArrayList<>();
                for (Path part : hierarchy(sources, file)) {
                    lines.addAll(Files.readAllLines(part));
                }
                List<String> methods = new ArrayList<>();
                boolean pending = false;
                for (String line : lines) {
                    String code = line.strip();
                    if (TEST_ANNOTATION.matcher(code).find() && code.startsWith("@")) {
                        pending = true;
                    } else if (pending && !code.startsWith("@") && !code.startsWith("//")) {
                        Matcher method = METHOD_NAME.matcher(code);
                        if (method.find()) {
                            methods.add(method.group(1));
                            pending = false;
                        }
                    }
                }
                if (!methods.isEmpty()) {
                    String className = sources.relativize(file).toString().replace('\\', '/')
                            .replaceFirst("\\.java$", "").replace('/', '.');
                    declared.put(className, methods);
                }
            }
        }
        return declared;
    }

    /** A test class's display names from its source (and its superclasses'): "class" for the class, and by method. */
    public static Map<String, String> displayNames(Path sources, String className) throws IOException {
        Path source = sources.resolve(className.replaceFirst("\\$.*", "").replace('.', '/') + ".java");
        Map<String, String> names = new LinkedHashMap<>();
        for (Path file : hierarchy(sources, source)) {
            String pending = null;
            String annotation = null; // a @DisplayName("..." + "...") written over several lines, so far
            for (String line : Files.readAllLines(file)) {
                int at = line.indexOf("@DisplayName(");
                if (annotation != null || at >= 0) {
                    annotation = annotation == null ? line.substring(at) : annotation + " " + line.strip();
                    if (closed(annotation)) {
                        pending = literals(annotation);
                        annotation = null;
                    }
                    continue;
                }
                if (pending == null) {
                    continue;
                }
                Matcher type = CLASS_DECLARATION.matcher(line);
                Matcher method = METHOD_DECLARATION.matcher(line);
                if (type.find()) {
                    if (file.equals(source)) {
                        names.putIfAbsent("class", pending);
                    }
                    pending = null;
                } else if (method.find()) {
                    names.putIfAbsent(method.group(1), pending);
                    pending = null;
                }
            }
        }
        return names;
    }

    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** True once an annotation's text has its closing parenthesis, outside its string literals. */
    static boolean closed(String annotation) {
        return STRING_LITERAL.matcher(annotation).replaceAll("").contains(")");
    }

    /** The value of {@code @DisplayName("a" + "b")}: its string literals joined, escapes undone. */
    static String literals(String annotation) {
        StringBuilder value = new StringBuilder();
        Matcher literal = STRING_LITERAL.matcher(annotation);
        while (literal.find()) {
            value.append(literal.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return value.toString();
    }

    /**
     * A test source and the sources of its superclasses found among the test sources (same package, or imported),
     * so that tests inherited from an abstract contract class are named and counted too.
     */
    static List<Path> hierarchy(Path sources, Path source) throws IOException {
        List<Path> chain = new ArrayList<>();
        Path file = source;
        while (file != null && Files.isRegularFile(file) && !chain.contains(file) && chain.size() < 5) {
            chain.add(file);
            String text = Files.readString(file);
            Matcher parent = EXTENDS.matcher(text);
            if (!parent.find()) {
                break;
            }
            String name = parent.group(1);
            Matcher imported = Pattern.compile("(?m)^import\\s+([\\w.]+\\." + Pattern.quote(name) + ")\\s*;").matcher(text);
            file = name.contains(".") ? sources.resolve(name.replace('.', '/') + ".java")
                    : imported.find() ? sources.resolve(imported.group(1).replace('.', '/') + ".java")
                    : file.resolveSibling(name + ".java");
        }
        return chain;
    }

    static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
