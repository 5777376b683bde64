package poolkit.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a module's test sources declare, read from the sources: the test methods of each test class (so a test that
 * reported no result still counts), and the {@code @DisplayName}s of classes and methods. A test class's inherited
 * tests count as its own: its superclasses are read from the module's test sources and from the shared roots given
 * ({@link Kit#sharedTestSources()}: test-support's contracts, such as ConnectionResetContract).
 */
public final class TestSources {

    /** The annotations that make a method a test JUnit runs. */
    static final Set<String> TEST_ANNOTATIONS = Set.of("Test", "ParameterizedTest", "RepeatedTest", "TestFactory", "TestTemplate");

    private TestSources() {
    }

    /** Test classes surefire runs by default, with the test methods each declares (from the source, in order). */
    public static Map<String, List<String>> declaredTests(Path sources) throws IOException {
        return declaredTests(sources, List.of());
    }

    /**
     * The same, with the tests each class inherits from superclasses in {@code sources} or in the {@code shared}
     * source roots (first the superclass's tests, then the class's own, as JUnit runs them). A class's tests are the
     * methods annotated as tests in its body and in its {@code @Nested} inner classes ({@link TestRuns} counts
     * Outer$Inner's reports as the outer class's); a static nested class, an abstract class and anything in a text block or comment are
     * not run by surefire, so they do not count.
     */
    public static Map<String, List<String>> declaredTests(Path sources, List<Path> shared) throws IOException {
        Map<String, List<String>> declared = new TreeMap<>();
        if (!Files.isDirectory(sources)) {
            return declared;
        }
        try (Stream<Path> walk = Files.walk(sources)) {
            for (Path file : walk.filter(p -> p.getFileName().toString()
                    .matches("(Test.*|.*Test|.*Tests|.*TestCase)\\.java")).sorted().toList()) {
                JavaSource.Type type = mainType(file);
                if (type == null || !type.kind().equals("class") || type.modifiers().contains("abstract")) {
                    continue;
                }
                List<Path> chain = hierarchy(sources, shared, file);
                List<String> methods = new ArrayList<>();
                for (int i = chain.size() - 1; i >= 0; i--) {
                    JavaSource.Type level = i == 0 ? type : mainType(chain.get(i));
                    if (level != null) {
                        tests(level, methods);
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

    private static void tests(JavaSource.Type type, List<String> methods) {
        for (JavaSource.Method method : type.methods()) {
            if (method.annotated(TEST_ANNOTATIONS)) {
                methods.add(method.name());
            }
        }
        for (JavaSource.Type nested : type.types()) {
            if (nested.annotation("Nested").isPresent() && !nested.modifiers().contains("static")
                    && nested.kind().equals("class")) {
                tests(nested, methods);
            }
        }
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
            JavaSource.Type type = mainType(file);
            if (type == null) {
                continue;
            }
            if (file.equals(source)) {
                type.annotation("DisplayName").ifPresent(a -> names.put("class", a.text()));
            }
            methodNames(type, names);
        }
        return names;
    }

    private static void methodNames(JavaSource.Type type, Map<String, String> names) {
        for (JavaSource.Method method : type.methods()) {
            method.annotations().stream().filter(a -> a.name().equals("DisplayName")).findFirst()
                    .ifPresent(a -> names.putIfAbsent(method.name(), a.text()));
        }
        for (JavaSource.Type nested : type.types()) {
            methodNames(nested, names);
        }
    }

    /** The outline of the source's type named as the file (its first type if none is), or null. */
    static JavaSource.Type mainType(Path file) throws IOException {
        return mainType(file, JavaSource.parse(Files.readString(file)));
    }

    private static JavaSource.Type mainType(Path file, JavaSource.Outline outline) {
        String name = file.getFileName().toString().replaceFirst("\\.java$", "");
        return outline.types().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElse(outline.types().isEmpty() ? null : outline.types().get(0));
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
            JavaSource.Outline outline = JavaSource.parse(Files.readString(file));
            JavaSource.Type type = mainType(file, outline);
            if (type == null || type.superclass().isEmpty()) {
                break;
            }
            String name = type.superclass();
            Optional<String> imported = outline.imports().stream().filter(i -> i.endsWith("." + name)).findFirst();
            String qualified = name.contains(".") ? name
                    : imported.orElse((outline.packageName().isEmpty() ? "" : outline.packageName() + ".") + name);
            Path sibling = file.resolveSibling(name + ".java");
            file = null;
            if (!name.contains(".") && imported.isEmpty() && Files.isRegularFile(sibling)) {
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

    static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
