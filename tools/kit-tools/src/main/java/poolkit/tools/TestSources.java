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
 * reported no result still counts), and the {@code @DisplayName}s of classes and methods. A test class's inherited
 * tests count as its own: its superclasses are read from the module's test sources and from the shared roots given
 * ({@link Kit#sharedTestSources()}: test-support's contracts, such as ConnectionResetContract).
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
        return declaredTests(sources, List.of());
    }

    /**
     * The same, with the tests each class inherits from superclasses in {@code sources} or in the {@code shared}
     * source roots (first the superclass's tests, then the class's own, as JUnit runs them).
     */
    public static Map<String, List<String>> declaredTests(Path sources, List<Path> shared) throws IOException {
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
                List<Path> chain = hierarchy(sources, shared, file);
                for (int i = chain.size() - 1; i >= 0; i--) {
                    lines.addAll(Files.readAllLines(chain.get(i)));
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
                methods = methods.stream().distinct().toList(); // an overridden test is one test
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
        return displayNames(sources, List.of(), className);
    }

    /** The same, reading superclasses from {@code sources} and the {@code shared} source roots. */
    public static Map<String, String> displayNames(Path sources, List<Path> shared, String className) throws IOException {
        Path source = sources.resolve(className.replaceFirst("\\$.*", "").replace('.', '/') + ".java");
        Map<String, String> names = new LinkedHashMap<>();
        for (Path file : hierarchy(sources, shared, source)) {
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
     * A test source and the sources of its superclasses (the class first), found in the module's test sources (same
     * package, imported, or named in full) or in the shared source roots, so that tests inherited from an abstract
     * contract class are named and counted too. A superclass found nowhere (a library's) ends the chain.
     */
    static List<Path> hierarchy(Path sources, List<Path> shared, Path source) throws IOException {
        List<Path> roots = new ArrayList<>(List.of(sources));
        roots.addAll(shared);
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
            Matcher pack = PACKAGE.matcher(text);
            String qualified = name.contains(".") ? name
                    : imported.find() ? imported.group(1)
                    : (pack.find() ? pack.group(1) + "." : "") + name;
            Path sibling = file.resolveSibling(name + ".java");
            file = null;
            if (!name.contains(".") && !imported.find(0) && Files.isRegularFile(sibling)) {
                file = sibling;
                continue;
            }
            for (Path root : roots) {
                Path candidate = root.resolve(qualified.replace('.', '/') + ".java");
                if (Files.isRegularFile(candidate)) {
                    file = candidate;
                    break;
                }
            }
        }
        return chain;
    }

    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");

    static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
