import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Grading and progress for poolkit, with nothing but a JDK (run from the kit's root folder):
 *
 * <pre>
 * java tools/Grade.java grade [--solutions] [--modules a,b] [--canonical KIT_DIR] [--out DIR] [-- maven args]
 * java tools/Grade.java progress [module...] [--no-run] [--all] [-- maven args]
 * java tools/Grade.java manifest [--check]
 * </pre>
 *
 * <p>{@code grade} runs the tests of every exercise and homework module listed in the root pom (test failures do
 * not stop the run; a module that does not compile scores 0 with the compiler's reason), scores them with
 * tools/grading-points.properties, and writes grading-report/ (grade.json, summary.md, the JUnit XML, maven.log,
 * and classroom.json for GitHub Classroom's grading reporter).
 * Before running anything it checks the kit's canonical files (tests, given code, test support, poms, tools)
 * against the checksum manifest tools/canonical-tests.sha256 and reports every modified, missing or extra file.
 * With {@code --canonical KIT_DIR} the manifest is taken from a trusted kit checkout, and that kit's canonical
 * files are copied over the graded checkout before the tests run, so only the student's main code is graded.
 *
 * <p>{@code progress} is the students' view: per module, which test groups pass, which tests still fail (display
 * name and first line of the failure), and which README section to read next.
 *
 * <p>{@code manifest} writes tools/canonical-tests.sha256; {@code manifest --check} fails when it is stale.
 *
 * <p>Exit codes: 0 done; 1 the tool could not do its job (bad usage, Maven did not start...); 2 grade found
 * tampered canonical files, or manifest --check found the manifest stale.
 */
public class Grade {

    static final String MANIFEST = "tools/canonical-tests.sha256";
    static final String POINTS = "tools/grading-points.properties";
    static final String REPORT_DIR = "grading-report";

    public static void main(String[] args) {
        Path root = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isRegularFile(root.resolve("tools/Grade.java"))) {
            System.err.println("Run this from the kit's root folder (the one with pom.xml and tools/), e.g. tools/grade");
            System.exit(1);
        }
        List<String> rest = args.length == 0 ? List.of() : List.of(args).subList(1, args.length);
        try {
            int code = switch (args.length == 0 ? "" : args[0]) {
                case "grade" -> new Grader(root, Options.parse(rest)).run();
                case "progress" -> new ProgressReport(root, Options.parse(rest)).run();
                case "manifest" -> manifest(root, Options.parse(rest));
                default -> {
                    System.err.println("usage: java tools/Grade.java grade|progress|manifest ... (see the comment at the top of tools/Grade.java)");
                    yield 1;
                }
            };
            System.exit(code);
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("grading failed: " + e);
            System.exit(1);
        }
    }

    static int manifest(Path root, Options options) throws IOException {
        Kit kit = Kit.at(root);
        SortedMap<String, String> actual = Manifest.hash(root, kit);
        if (options.flag("--check")) {
            Tampering drift = Tampering.compare(Manifest.read(root.resolve(MANIFEST)), actual);
            if (drift.isEmpty()) {
                System.out.println(MANIFEST + " is up to date (" + actual.size() + " canonical files).");
                return 0;
            }
            System.out.println(MANIFEST + " is stale: the canonical files changed since it was generated.");
            drift.print(System.out::println);
            System.out.println("Regenerate it with tools/canonical-tests and commit it with the change.");
            return 2;
        }
        Manifest.write(root.resolve(MANIFEST), actual);
        System.out.println("Wrote " + MANIFEST + " (" + actual.size() + " canonical files).");
        return 0;
    }

    // ------------------------------------------------------------------------------------------------ the kit

    /** The modules listed in the root pom, in order: test-support, reference-pool, exercise-*, homework/*, solutions/*. */
    record Kit(Path root, List<String> modules) {

        static Kit at(Path root) throws IOException {
            String pom = Files.readString(root.resolve("pom.xml")).replaceAll("(?s)<!--.*?-->", "");
            List<String> modules = new ArrayList<>();
            Matcher m = Pattern.compile("<module>\\s*([^<]+?)\\s*</module>").matcher(pom);
            while (m.find()) {
                modules.add(m.group(1).replaceAll("/+$", ""));
            }
            return new Kit(root, List.copyOf(modules));
        }

        static boolean isExercise(String module) {
            return module.startsWith("exercise-") || module.startsWith("homework/");
        }

        List<String> exercises() {
            return modules.stream().filter(Kit::isExercise).toList();
        }

        /** The exercise a module belongs to: itself, or for solutions/X, X. */
        static String exerciseOf(String module) {
            return module.startsWith("solutions/") ? module.substring("solutions/".length()) : module;
        }

        Path testSources(String module) {
            return root.resolve(exerciseOf(module)).resolve("src/test/java");
        }

        String artifactId(String module) throws IOException {
            String pom = Files.readString(root.resolve(module).resolve("pom.xml")).replaceAll("(?s)<!--.*?-->", "");
            String afterParent = pom.contains("</parent>") ? pom.substring(pom.indexOf("</parent>")) : pom;
            Matcher m = Pattern.compile("<artifactId>\\s*([^<]+?)\\s*</artifactId>").matcher(afterParent);
            return m.find() ? m.group(1) : module;
        }

        /** Module names as given on the command line: exact, or a unique prefix ("exercise-1"). */
        List<String> select(List<String> wanted, List<String> among) {
            List<String> chosen = new ArrayList<>();
            for (String name : wanted) {
                String clean = name.replaceAll("/+$", "");
                List<String> hits = among.contains(clean) ? List.of(clean)
                        : among.stream().filter(m -> m.startsWith(clean)).toList();
                if (hits.size() != 1) {
                    throw new UsageException("no single module matches '" + name + "'; the modules are: "
                            + String.join(", ", among));
                }
                chosen.add(hits.get(0));
            }
            return chosen;
        }
    }

    // ------------------------------------------------------------------------------------------------ options

    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Flags, options with a value, plain arguments, and Maven arguments (after "--", or any -D/-P argument). */
    record Options(List<String> flags, Map<String, String> values, List<String> arguments, List<String> maven) {

        static final List<String> WITH_VALUE = List.of("--modules", "--canonical", "--out");

        static Options parse(List<String> args) {
            List<String> flags = new ArrayList<>();
            Map<String, String> values = new LinkedHashMap<>();
            List<String> arguments = new ArrayList<>();
            List<String> maven = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("--")) {
                    maven.addAll(args.subList(i + 1, args.size()));
                    break;
                } else if (WITH_VALUE.contains(arg)) {
                    if (i + 1 == args.size()) {
                        throw new UsageException(arg + " needs a value");
                    }
                    values.put(arg, args.get(++i));
                } else if (arg.startsWith("-D") || arg.startsWith("-P")) {
                    maven.add(arg);
                } else if (arg.startsWith("--")) {
                    flags.add(arg);
                } else {
                    arguments.add(arg);
                }
            }
            return new Options(flags, values, arguments, maven);
        }

        boolean flag(String name) {
            return flags.contains(name);
        }
    }

    // ------------------------------------------------------------------------------------------------ canonical files

    /** Which files are canonical, and their checksums. Line endings are normalised so a Windows checkout matches. */
    static final class Manifest {

        /** Files and folders the grader trusts only from the kit, relative to the root. */
        static List<String> areas(Kit kit) {
            List<String> areas = new ArrayList<>(List.of("pom.xml", "mvnw", "mvnw.cmd", ".mvn", "tools",
                    ".github/workflows"));
            for (String module : kit.modules()) {
                if (Kit.isExercise(module)) {
                    areas.addAll(List.of(module + "/pom.xml", module + "/src/test", module + "/src/given"));
                } else if (module.startsWith("solutions/")) {
                    areas.add(module + "/pom.xml");
                } else {
                    // Shared code, all of it: test-support, and reference-pool (the pool core; its src/main too, the
                    // reference pool, which a Classroom template that includes exercise 1 leaves out: then an added
                    // file there is reported as extra).
                    areas.add(module);
                }
            }
            return areas;
        }

        static SortedMap<String, String> hash(Path root, Kit kit) throws IOException {
            SortedMap<String, String> files = new TreeMap<>();
            for (String file : files(root, areas(kit))) {
                files.put(file, sha256(root.resolve(file)));
            }
            return files;
        }

        static List<String> files(Path root, List<String> areas) throws IOException {
            List<String> files = new ArrayList<>();
            for (String area : areas) {
                Path start = root.resolve(area);
                if (Files.isRegularFile(start)) {
                    files.add(area);
                } else if (Files.isDirectory(start)) {
                    try (Stream<Path> walk = Files.walk(start)) {
                        walk.filter(Files::isRegularFile)
                                .map(p -> root.relativize(p).toString().replace('\\', '/'))
                                .filter(p -> !p.equals(MANIFEST) && !p.matches("(.*/)?(target|\\.git)/.*"))
                                .forEach(files::add);
                    }
                }
            }
            return files.stream().distinct().sorted().toList();
        }

        static String sha256(Path file) throws IOException {
            byte[] bytes = Files.readAllBytes(file);
            byte[] normalised = new String(bytes, StandardCharsets.ISO_8859_1).replace("\r\n", "\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(normalised));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        static void write(Path manifest, SortedMap<String, String> files) throws IOException {
            StringBuilder text = new StringBuilder();
            text.append("# poolkit's canonical files (tests, given code, test support, poms, tools) and their SHA-256,\n")
                    .append("# line endings normalised to LF. The grader trusts these files only as they are here.\n")
                    .append("# Generated by tools/canonical-tests: do not edit by hand, regenerate and commit.\n");
            files.forEach((path, sha) -> text.append(sha).append("  ").append(path).append('\n'));
            Files.writeString(manifest, text);
        }

        static SortedMap<String, String> read(Path manifest) throws IOException {
            if (!Files.isRegularFile(manifest)) {
                throw new UsageException("no manifest at " + manifest + ": generate it with tools/canonical-tests");
            }
            SortedMap<String, String> files = new TreeMap<>();
            for (String line : Files.readAllLines(manifest)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.trim().split("\\s+", 2);
                    files.put(parts[1], parts[0]);
                }
            }
            return files;
        }
    }

    /**
     * How a checkout's canonical files differ from the manifest; and {@code suspicious} files in the student's own
     * src/main that could change how the tests run rather than what the code does (JUnit configuration or service
     * registrations, compiled classes, jars).
     */
    record Tampering(List<String> modified, List<String> missing, List<String> extra, List<String> suspicious, int checked) {

        static Tampering compare(SortedMap<String, String> expected, SortedMap<String, String> actual) {
            List<String> modified = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            expected.forEach((path, sha) -> {
                if (!actual.containsKey(path)) {
                    missing.add(path);
                } else if (!actual.get(path).equals(sha)) {
                    modified.add(path);
                }
            });
            List<String> extra = actual.keySet().stream().filter(p -> !expected.containsKey(p)).toList();
            return new Tampering(modified, missing, extra, List.of(), expected.size());
        }

        Tampering withSuspicious(List<String> files) {
            return new Tampering(modified, missing, extra, files, checked);
        }

        boolean isEmpty() {
            return modified.isEmpty() && missing.isEmpty() && extra.isEmpty() && suspicious.isEmpty();
        }

        List<String> all() {
            List<String> all = new ArrayList<>(modified);
            all.addAll(missing);
            all.addAll(extra);
            all.addAll(suspicious);
            return all;
        }

        /** Files under the exercises' src/main that are test machinery, not code: JUnit settings, .class, .jar. */
        static List<String> suspiciousFiles(Path root, Kit kit) throws IOException {
            List<String> areas = kit.exercises().stream().map(m -> m + "/src/main").toList();
            return Manifest.files(root, areas).stream()
                    .filter(p -> p.endsWith(".class") || p.endsWith(".jar") || p.endsWith("/junit-platform.properties")
                            || p.contains("/META-INF/services/org.junit"))
                    .toList();
        }

        void print(java.util.function.Consumer<String> out) {
            modified.forEach(p -> out.accept("  modified: " + p));
            missing.forEach(p -> out.accept("  missing:  " + p));
            extra.forEach(p -> out.accept("  extra:    " + p));
            suspicious.forEach(p -> out.accept("  suspicious: " + p + " (test machinery in src/main)"));
        }
    }

    // ------------------------------------------------------------------------------------------------ running tests

    /** Runs Maven once for all the modules: -fae so one module that does not compile does not stop the others. */
    static Path runTests(Path root, List<String> modules, List<String> goals, List<String> mavenArgs, Path log,
                         Predicate<String> echo) throws IOException {
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
        List<String> command = new ArrayList<>(windows ? List.of("cmd", "/c", "mvnw.cmd") : List.of("sh", "./mvnw"));
        command.addAll(List.of("-B", "-ntp", "-fae"));
        command.addAll(goals);
        command.addAll(List.of("-pl", String.join(",", modules), "-Dmaven.test.failure.ignore=true"));
        command.addAll(mavenArgs);
        for (String module : modules) {
            // Reports of an earlier run must not pass for this one's (say, when the code no longer compiles).
            deleteRecursively(root.resolve(module).resolve("target/surefire-reports"));
        }
        Files.createDirectories(log.getParent());
        Process maven = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(maven.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter file = new PrintWriter(Files.newBufferedWriter(log))) {
            file.println("$ " + String.join(" ", command));
            String line;
            while ((line = output.readLine()) != null) {
                file.println(line);
                if (echo.test(line)) {
                    System.out.println("  " + line.replaceFirst("^\\[(INFO|ERROR|WARNING)\\] ", ""));
                }
            }
        }
        try {
            maven.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            maven.destroy();
            throw new IOException("interrupted while Maven ran", e);
        }
        return log;
    }

    enum Status { PASSED, FAILED, SKIPPED, NOT_RUN }

    /** One test's outcome; {@code group} is the display name of its class ("Task 3: borrowing a connection"). */
    record TestResult(String className, String method, String group, String displayName, Status status, String message) {

        String id() {
            return className + "#" + method;
        }
    }

    /** What one module's test run produced. {@code problem} says why it has no (or incomplete) results. */
    record ModuleRun(String module, List<TestResult> tests, String problem) {

        long count(Status status) {
            return tests.stream().filter(t -> t.status() == status).count();
        }

        boolean compiled() {
            return problem == null || !problem.startsWith("does not compile");
        }
    }

    static final Pattern TEST_ANNOTATION = Pattern.compile("@(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\\b");
    static final Pattern DISPLAY_NAME = Pattern.compile("@DisplayName\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)");
    static final Pattern CLASS_DECLARATION = Pattern.compile("\\b(?:class|interface|record)\\s+(\\w+)");
    static final Pattern METHOD_DECLARATION = Pattern.compile("\\bvoid\\s+(\\w+)\\s*\\(");
    static final Pattern METHOD_NAME = Pattern.compile("(\\w+)\\s*\\(");

    /** Reads a module's surefire XML, and accounts for test classes that reported fewer tests than they declare. */
    static ModuleRun collect(Kit kit, String module, Path log) throws IOException {
        Path reports = kit.root().resolve(module).resolve("target/surefire-reports");
        List<TestResult> tests = new ArrayList<>();
        for (Path report : reportFiles(reports)) {
            String className = report.getFileName().toString().replaceAll("^TEST-|\\.xml$", "");
            Map<String, String> names = displayNames(kit, module, className);
            NodeList cases = parse(report).getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element testCase = (Element) cases.item(i);
                String method = testCase.getAttribute("name");
                String group = testCase.getAttribute("classname");
                if (group.isEmpty() || group.equals(className)) {
                    group = names.getOrDefault("class", simpleName(className));
                }
                String baseMethod = method.replaceFirst("\\(.*$", "");
                String display = names.containsKey(baseMethod)
                        ? names.get(baseMethod) + method.replaceFirst("^[^\\[]*", " ").replaceFirst("^ $", "")
                        : method;
                Element problem = first(testCase, "failure", "error");
                Status status = problem != null ? Status.FAILED
                        : testCase.getElementsByTagName("skipped").getLength() > 0 ? Status.SKIPPED : Status.PASSED;
                tests.add(new TestResult(className, method, group, display.strip(), status,
                        problem == null ? null : summary(problem)));
            }
        }

        String buildProblem = buildProblem(kit, module, log);
        boolean compiled = tests.size() > 0 || buildProblem == null || !buildProblem.startsWith("does not compile");
        int missingTotal = 0;
        for (Map.Entry<String, List<String>> declared : declaredTests(kit, module).entrySet()) {
            String className = declared.getKey();
            List<String> reported = tests.stream()
                    .filter(t -> t.className().replaceFirst("\\$.*", "").equals(className))
                    .map(t -> t.method().replaceFirst("\\(.*$", "")).toList();
            Map<String, String> names = displayNames(kit, module, className);
            for (String method : declared.getValue()) {
                if (!reported.contains(method)) {
                    missingTotal++;
                    tests.add(new TestResult(className, method, names.getOrDefault("class", simpleName(className)),
                            names.getOrDefault(method, method), Status.NOT_RUN,
                            !compiled ? buildProblem : "no result: the test JVM stopped, or a @BeforeAll failed, before it ran"));
                }
            }
        }
        String problem = !compiled ? buildProblem
                : missingTotal > 0 ? missingTotal + " declared test(s) reported no result"
                        + (buildProblem != null ? ": " + buildProblem : " (see " + REPORT_DIR + "/maven.log)")
                : tests.isEmpty() ? "no test reports found (see " + REPORT_DIR + "/maven.log)" : null;
        tests.sort(Comparator.comparingInt((TestResult t) -> taskNumber(t.group())).thenComparing(TestResult::group));
        return new ModuleRun(module, tests, problem);
    }

    /** "Task 3: ...", "Tasks 3 to 5: ...": the group's first task. */
    static final Pattern TASK = Pattern.compile("^Tasks? (\\d+)\\b");

    /** The n of a "Task n: ..." display name, so results list in the README's order; others (scenarios) come last. */
    static int taskNumber(String group) {
        Matcher task = TASK.matcher(group);
        return task.find() ? Integer.parseInt(task.group(1)) : Integer.MAX_VALUE;
    }

    static List<Path> reportFiles(Path reports) throws IOException {
        if (!Files.isDirectory(reports)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(reports)) {
            return files.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
        }
    }

    static org.w3c.dom.Document parse(Path xml) throws IOException {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("cannot read test report " + xml + ": " + e.getMessage(), e);
        }
    }

    static Element first(Element parent, String... tags) {
        for (String tag : tags) {
            NodeList nodes = parent.getElementsByTagName(tag);
            if (nodes.getLength() > 0) {
                return (Element) nodes.item(0);
            }
        }
        return null;
    }

    /**
     * A failure in one line: the message up to its first stack frame, whitespace collapsed, so an AssertJ failure
     * keeps its description and what it saw ("[pool size] expected: 10 but was: 11").
     */
    static String summary(Element problem) {
        String message = problem.getAttribute("message");
        if (message.isBlank()) {
            message = problem.getTextContent();
        }
        String text = message.lines().takeWhile(l -> !l.strip().startsWith("at ") && !l.strip().startsWith("...("))
                .map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining(" "));
        if (text.isEmpty()) {
            text = problem.getAttribute("type");
        }
        return text.length() > 400 ? text.substring(0, 397) + "..." : text;
    }

    static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** Test classes surefire runs by default, with the test methods each declares (from the source, in order). */
    static Map<String, List<String>> declaredTests(Kit kit, String module) throws IOException {
        Path sources = kit.testSources(module);
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
    static Map<String, String> displayNames(Kit kit, String module, String className) throws IOException {
        Path sources = kit.testSources(module);
        Path source = sources.resolve(className.replaceFirst("\\$.*", "").replace('.', '/') + ".java");
        Map<String, String> names = new LinkedHashMap<>();
        for (Path file : hierarchy(sources, source)) {
            String pending = null;
            for (String line : Files.readAllLines(file)) {
                Matcher display = DISPLAY_NAME.matcher(line);
                if (display.find()) {
                    pending = display.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
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

    static final Pattern EXTENDS = Pattern.compile("\\bclass\\s+\\w+(?:<[^>]*>)?\\s+extends\\s+([\\w.]+)");

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

    /**
     * Why a module's build failed, from Maven's log: the compiler's first errors, or Maven's reason (for a test JVM
     * that died, the "forked VM terminated" line that follows it). Null when the module's build did not fail.
     */
    static String buildProblem(Kit kit, String module, Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            return null;
        }
        String moduleDir = kit.root().resolve(module).toString();
        String exerciseDir = kit.root().resolve(Kit.exerciseOf(module)).toString();
        String onProject = " on project " + kit.artifactId(module) + ":";
        List<String> compileErrors = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        boolean inOurFailure = false;
        for (String line : Files.readAllLines(log)) {
            if (!line.startsWith("[ERROR] ")) {
                continue;
            }
            String text = line.substring("[ERROR] ".length()).strip();
            if ((text.startsWith(moduleDir + "/") || text.startsWith(exerciseDir + "/")) && text.contains(".java:[")) {
                compileErrors.add(text.replace(kit.root() + "/", ""));
            } else if (text.startsWith("Failed to execute goal")) {
                inOurFailure = text.contains(onProject);
                if (inOurFailure) {
                    reasons.add(text.substring(text.indexOf(onProject) + onProject.length()).strip());
                }
            } else if (inOurFailure && !text.isEmpty() && !text.startsWith("See ") && !text.startsWith("->")
                    && !text.startsWith("To see the full") && !text.startsWith("Re-run Maven")) {
                reasons.add(text);
            }
        }
        if (!compileErrors.isEmpty()) {
            return "does not compile: " + compileErrors.stream().distinct().limit(3).collect(Collectors.joining("; "))
                    + (compileErrors.size() > 3 ? "; ..." : "");
        }
        String reason = reasons.stream().map(r -> r.replaceFirst("\\s*->\\s*\\[Help 1\\]$", "").strip())
                .filter(r -> !r.isEmpty()).distinct().limit(2).collect(Collectors.joining(" "));
        if (reasons.isEmpty()) {
            return null;
        }
        if (reason.contains("forked VM terminated") || reason.contains("error in the forked process")) {
            return "the test JVM stopped before all tests ran (System.exit, halt or a crash in the code under test?)";
        }
        return (reason.toLowerCase(Locale.ROOT).contains("compil") ? "does not compile: " : "build failed: ")
                + (reason.isEmpty() ? "see " + REPORT_DIR + "/maven.log" : reason);
    }

    // ------------------------------------------------------------------------------------------------ points

    /**
     * tools/grading-points.properties: {@code test.default} points per test (1 when absent); {@code test.<Class>}
     * or {@code test.<Class>#<method>} to override; {@code module.<exercise dir>} to fix a module's total (its tests'
     * points are scaled to it).
     */
    record Points(Properties properties) {

        static Points load(Path file) throws IOException {
            Properties properties = new Properties();
            if (Files.isRegularFile(file)) {
                try (var reader = Files.newBufferedReader(file)) {
                    properties.load(reader);
                }
            }
            for (String key : properties.stringPropertyNames()) {
                parse(key, properties.getProperty(key)); // a typo fails now, not after every test has run
            }
            return new Points(properties);
        }

        double of(TestResult test) {
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
        double[] score(String exercise, ModuleRun run) {
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
        private static double parse(String key, String value) {
            String number = value.replaceFirst("\\s*#.*$", "").trim();
            try {
                return Double.parseDouble(number);
            } catch (NumberFormatException e) {
                throw new UsageException(POINTS + ": " + key + " = '" + value + "' is not a number of points");
            }
        }

        static double round(double value) {
            return Math.round(value * 100) / 100.0;
        }
    }

    static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    // ------------------------------------------------------------------------------------------------ grade

    static final class Grader {
        private final Path root;
        private final Options options;

        Grader(Path root, Options options) {
            this.root = root;
            this.options = options;
        }

        int run() throws IOException {
            boolean solutions = options.flag("--solutions");
            Path out = root.resolve(options.values().getOrDefault("--out", REPORT_DIR));
            deleteRecursively(out);
            Files.createDirectories(out);

            // 1. Canonical files: verified against the manifest, and restored from a trusted kit when one is given.
            String canonicalOption = options.values().get("--canonical");
            Path canonicalKit = canonicalOption == null ? root : Path.of(canonicalOption).toAbsolutePath();
            Kit trusted = Kit.at(canonicalKit);
            SortedMap<String, String> expected = Manifest.read(canonicalKit.resolve(MANIFEST));
            Tampering tampering = Tampering.compare(expected, hashWithin(Kit.at(root), trusted))
                    .withSuspicious(Tampering.suspiciousFiles(root, trusted));
            System.out.println("== canonical files: " + (tampering.isEmpty()
                    ? "all " + tampering.checked() + " match " + display(canonicalKit.resolve(MANIFEST))
                    : "TAMPERING FOUND against " + display(canonicalKit.resolve(MANIFEST))));
            tampering.print(System.out::println);
            if (canonicalOption != null) {
                List<String> remove = new ArrayList<>(tampering.extra());
                remove.addAll(tampering.suspicious());
                restore(canonicalKit, expected.keySet(), remove);
                System.out.println("   restored the canonical files from " + canonicalKit
                        + ": the student's main code is graded against the kit's own tests");
            }

            // 2. Which modules: every exercise and homework module of the root pom, or their solutions.
            Kit kit = Kit.at(root);
            List<String> exercises = options.values().containsKey("--modules")
                    ? kit.select(List.of(options.values().get("--modules").split(",")), kit.exercises())
                    : kit.exercises();
            if (exercises.isEmpty()) {
                throw new UsageException("no exercise or homework module in the root pom's <modules>");
            }
            List<String> graded = new ArrayList<>();
            for (String exercise : exercises) {
                String module = solutions ? "solutions/" + exercise : exercise;
                if (!kit.modules().contains(module)) {
                    throw new UsageException(module + " is not a module of the root pom");
                }
                graded.add(module);
            }

            // 3. Run, collect, score.
            Points points = Points.load(root.resolve(POINTS));
            System.out.println("== running the tests of " + String.join(", ", graded));
            Path log = runTests(root, graded, List.of("clean", "test"), options.maven(), out.resolve("maven.log"),
                    line -> line.startsWith("[INFO] Building ") && !line.startsWith("[INFO] Building jar")
                            || line.contains("Tests run:") && line.contains(" -- in ")
                            || line.startsWith("[ERROR] COMPILATION ERROR"));
            List<Graded> results = new ArrayList<>();
            for (String module : graded) {
                ModuleRun run = collect(kit, module, log);
                results.add(new Graded(Kit.exerciseOf(module), run, points.score(Kit.exerciseOf(module), run), points));
                copyReports(root.resolve(module).resolve("target/surefire-reports"),
                        out.resolve("junit").resolve(module.replace('/', '_')));
            }

            Report report = new Report(solutions ? "solutions" : "exercises", results, tampering,
                    canonicalOption == null ? null : canonicalKit.toString());
            String table = report.table();
            System.out.println();
            System.out.print(table);
            Files.writeString(out.resolve("grade.json"), report.json());
            Files.writeString(out.resolve("classroom.json"), report.classroom());
            String markdown = report.markdown();
            Files.writeString(out.resolve("summary.md"), markdown);
            if (solutions) {
                // The solutions run every test, so their maxima are the modules' true totals: ready to fix in POINTS.
                StringBuilder totals = new StringBuilder("# Module totals measured on the solutions; copy the lines you want into "
                        + POINTS + "\n");
                results.forEach(g -> totals.append("module.").append(g.exercise()).append(" = ").append(number(g.score()[1])).append('\n'));
                Files.writeString(out.resolve("module-totals.properties"), totals);
            }
            String stepSummary = System.getenv("GITHUB_STEP_SUMMARY");
            if (stepSummary != null && !stepSummary.isBlank()) {
                Files.writeString(Path.of(stepSummary), markdown, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            System.out.println("Reports: " + display(out) + "/ (grade.json, summary.md, classroom.json, junit/, maven.log)");
            return tampering.isEmpty() ? 0 : 2;
        }

        /** The graded checkout's files in the trusted kit's canonical areas (so extra test files show up). */
        private SortedMap<String, String> hashWithin(Kit graded, Kit trusted) throws IOException {
            SortedMap<String, String> files = new TreeMap<>();
            List<String> areas = new ArrayList<>(Manifest.areas(trusted));
            Manifest.areas(graded).stream().filter(a -> !areas.contains(a)).forEach(areas::add);
            for (String file : Manifest.files(root, areas)) {
                files.put(file, Manifest.sha256(root.resolve(file)));
            }
            return files;
        }

        private void restore(Path kit, Iterable<String> canonical, List<String> remove) throws IOException {
            for (String file : remove) {
                Files.deleteIfExists(root.resolve(file));
            }
            for (String file : canonical) {
                Path target = root.resolve(file);
                Files.createDirectories(target.getParent());
                Files.copy(kit.resolve(file), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }

        private String display(Path path) {
            return path.startsWith(root) ? root.relativize(path).toString() : path.toString();
        }
    }

    static void copyReports(Path from, Path to) throws IOException {
        List<Path> reports = reportFiles(from);
        if (!reports.isEmpty()) {
            Files.createDirectories(to);
        }
        for (Path report : reports) {
            Files.copy(report, to.resolve(report.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    record Graded(String exercise, ModuleRun run, double[] score, Points points) {

        String note() {
            return run.problem() == null ? "" : run.problem();
        }
    }

    /** The score table, JSON and Markdown for one grading run. */
    record Report(String mode, List<Graded> modules, Tampering tampering, String canonicalKit) {

        double earned() {
            return Points.round(modules.stream().mapToDouble(g -> g.score()[0]).sum());
        }

        double max() {
            return Points.round(modules.stream().mapToDouble(g -> g.score()[1]).sum());
        }

        long passed() {
            return modules.stream().mapToLong(g -> g.run().count(Status.PASSED)).sum();
        }

        long total() {
            return modules.stream().mapToLong(g -> g.run().tests().size()).sum();
        }

        String table() {
            int width = Math.max(30, modules.stream().mapToInt(g -> g.exercise().length()).max().orElse(0) + 2);
            StringBuilder text = new StringBuilder();
            String format = "%-" + width + "s %14s %16s  %s%n";
            text.append(String.format(format, "Module" + (mode.equals("solutions") ? " (solutions)" : ""),
                    "Tests passed", "Points", ""));
            for (Graded g : modules) {
                text.append(String.format(format, g.exercise(), g.run().count(Status.PASSED) + " / " + g.run().tests().size(),
                        number(g.score()[0]) + " / " + number(g.score()[1]), g.note()));
            }
            text.append("-".repeat(width + 33)).append('\n');
            text.append(String.format(format, "Total", passed() + " / " + total(), number(earned()) + " / " + number(max()), ""));
            if (!tampering.isEmpty()) {
                text.append("\nWARNING: canonical files were changed (").append(tampering.modified().size()).append(" modified, ")
                        .append(tampering.missing().size()).append(" missing, ").append(tampering.extra().size()).append(" extra, ")
                        .append(tampering.suspicious().size()).append(" suspicious)")
                        .append(canonicalKit == null ? ": this score used the changed files.\n"
                                : ": they were restored before grading.\n");
            }
            return text.toString();
        }

        String markdown() {
            StringBuilder md = new StringBuilder();
            md.append("## poolkit grade: ").append(number(earned())).append(" / ").append(number(max())).append(" points")
                    .append(mode.equals("solutions") ? " (solutions)" : "").append("\n\n");
            md.append("| Module | Tests passed | Points | Note |\n|---|---:|---:|---|\n");
            for (Graded g : modules) {
                md.append("| ").append(g.exercise()).append(" | ").append(g.run().count(Status.PASSED)).append(" / ")
                        .append(g.run().tests().size()).append(" | ").append(number(g.score()[0])).append(" / ")
                        .append(number(g.score()[1])).append(" | ").append(cell(g.note())).append(" |\n");
            }
            md.append("| **Total** | ").append(passed()).append(" / ").append(total()).append(" | **")
                    .append(number(earned())).append(" / ").append(number(max())).append("** | |\n\n");
            if (tampering.isEmpty()) {
                md.append("Canonical files: all ").append(tampering.checked()).append(" match the kit's manifest.\n\n");
            } else {
                md.append("### :warning: Canonical files changed\n\n")
                        .append(canonicalKit == null ? "This score was computed with the changed files.\n\n"
                                : "They were restored from the kit before grading: the score is against the kit's tests.\n\n");
                tampering.print(line -> md.append("- `").append(line.strip().replaceFirst(":\\s+", "`: `")).append("`\n"));
                md.append('\n');
            }
            for (Graded g : modules) {
                List<TestResult> failing = g.run().tests().stream().filter(t -> t.status() != Status.PASSED).toList();
                if (failing.isEmpty()) {
                    continue;
                }
                md.append("<details><summary>").append(g.exercise()).append(": ").append(failing.size())
                        .append(" test(s) not passing</summary>\n\n");
                for (TestResult t : failing) {
                    md.append("- **").append(cell(t.group())).append("**: ").append(cell(t.displayName()));
                    if (t.message() != null) {
                        md.append(" — ").append(cell(t.message()));
                    } else if (t.status() == Status.SKIPPED) {
                        md.append(" — skipped");
                    }
                    md.append('\n');
                }
                md.append("\n</details>\n\n");
            }
            return md.toString();
        }

        private static String cell(String text) {
            return text.replace("|", "\\|").replace("<", "&lt;").replace("\n", " ");
        }

        String json() {
            StringBuilder json = new StringBuilder("{\n");
            json.append("  \"mode\": ").append(quote(mode)).append(",\n");
            json.append("  \"points\": ").append(number(earned())).append(", \"maxPoints\": ").append(number(max()))
                    .append(", \"testsPassed\": ").append(passed()).append(", \"testsTotal\": ").append(total()).append(",\n");
            json.append("  \"canonical\": {\"tampered\": ").append(!tampering.isEmpty())
                    .append(", \"checked\": ").append(tampering.checked())
                    .append(", \"restoredFrom\": ").append(canonicalKit == null ? "null" : quote(canonicalKit))
                    .append(", \"modified\": ").append(list(tampering.modified()))
                    .append(", \"missing\": ").append(list(tampering.missing()))
                    .append(", \"extra\": ").append(list(tampering.extra()))
                    .append(", \"suspicious\": ").append(list(tampering.suspicious())).append("},\n");
            json.append("  \"modules\": [\n");
            for (int i = 0; i < modules.size(); i++) {
                Graded g = modules.get(i);
                ModuleRun run = g.run();
                json.append("    {\"module\": ").append(quote(g.exercise())).append(", \"gradedDir\": ").append(quote(run.module()))
                        .append(", \"compiled\": ").append(run.compiled())
                        .append(", \"passed\": ").append(run.count(Status.PASSED)).append(", \"failed\": ").append(run.count(Status.FAILED))
                        .append(", \"skipped\": ").append(run.count(Status.SKIPPED)).append(", \"notRun\": ").append(run.count(Status.NOT_RUN))
                        .append(", \"total\": ").append(run.tests().size())
                        .append(", \"points\": ").append(number(g.score()[0])).append(", \"maxPoints\": ").append(number(g.score()[1]))
                        .append(", \"problem\": ").append(run.problem() == null ? "null" : quote(run.problem())).append(",\n");
                json.append("     \"tests\": [\n");
                for (int j = 0; j < run.tests().size(); j++) {
                    TestResult t = run.tests().get(j);
                    json.append("        {\"id\": ").append(quote(t.id())).append(", \"group\": ").append(quote(t.group()))
                            .append(", \"name\": ").append(quote(t.displayName())).append(", \"status\": ").append(quote(t.status().name()))
                            .append(", \"points\": ").append(number(t.status() == Status.PASSED ? g.points().of(t) : 0))
                            .append(", \"maxPoints\": ").append(number(g.points().of(t)))
                            .append(", \"message\": ").append(t.message() == null ? "null" : quote(t.message())).append('}')
                            .append(j + 1 < run.tests().size() ? ",\n" : "\n");
                }
                json.append("     ]}").append(i + 1 < modules.size() ? ",\n" : "\n");
            }
            return json.append("  ]\n}\n").toString();
        }

        /**
         * The payload GitHub Classroom's autograding-grading-reporter reads (base64 in {@code <RUNNER>_RESULTS}):
         * one entry per module, scored with the module's points, so Classroom's gradebook shows the same total.
         */
        String classroom() {
            boolean allPass = modules.stream().allMatch(g -> g.score()[0] == g.score()[1]) && tampering.isEmpty();
            StringBuilder json = new StringBuilder("{\"version\": 1, \"status\": ").append(quote(allPass ? "pass" : "fail"))
                    .append(", \"max_score\": ").append(number(max())).append(", \"tests\": [");
            for (int i = 0; i < modules.size(); i++) {
                Graded g = modules.get(i);
                String message = g.run().count(Status.PASSED) + " / " + g.run().tests().size() + " tests pass"
                        + (g.note().isEmpty() ? "" : "; " + g.note());
                json.append(i == 0 ? "" : ", ").append("{\"name\": ").append(quote(g.exercise()))
                        .append(", \"status\": ").append(quote(g.score()[0] == g.score()[1] ? "pass" : "fail"))
                        .append(", \"score\": ").append(number(g.score()[0]))
                        .append(", \"message\": ").append(quote(message)).append('}');
            }
            if (!tampering.isEmpty()) {
                json.append(", {\"name\": \"canonical files\", \"status\": \"fail\", \"score\": 0, \"message\": ")
                        .append(quote("changed: " + String.join(", ", tampering.all()))).append('}');
            }
            return json.append("]}\n").toString();
        }

        private static String list(List<String> items) {
            return items.stream().map(Report::quote).collect(Collectors.joining(", ", "[", "]"));
        }

        static String quote(String text) {
            StringBuilder quoted = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '"' -> quoted.append("\\\"");
                    case '\\' -> quoted.append("\\\\");
                    case '\n' -> quoted.append("\\n");
                    case '\r' -> quoted.append("\\r");
                    case '\t' -> quoted.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            quoted.append(String.format("\\u%04x", (int) c));
                        } else {
                            quoted.append(c);
                        }
                    }
                }
            }
            return quoted.append('"').toString();
        }
    }

    // ------------------------------------------------------------------------------------------------ progress

    static final class ProgressReport {
        private static final Pattern ANY_TASK = Pattern.compile("\\bTasks? (\\d+)\\b");
        private static final Pattern README_SECTION = Pattern.compile("Read (\\S+README\\.md), section \"([^\"]+)\"");

        private final Path root;
        private final Options options;

        ProgressReport(Path root, Options options) {
            this.root = root;
            this.options = options;
        }

        int run() throws IOException {
            Kit kit = Kit.at(root);
            List<String> modules = options.arguments().isEmpty() ? kit.exercises()
                    : kit.select(options.arguments(), kit.modules().stream()
                            .filter(m -> Kit.isExercise(m) || m.startsWith("solutions/")).toList());
            Path log = root.resolve(REPORT_DIR).resolve("progress-maven.log");
            if (options.flag("--no-run")) {
                log = newest(log, root.resolve(REPORT_DIR).resolve("maven.log")); // the last run, tools/grade's too
            } else {
                System.out.println("Running the tests of " + String.join(", ", modules)
                        + " (full output: " + root.relativize(log) + ") ...");
                runTests(root, modules, List.of("test"), options.maven(), log,
                        line -> line.startsWith("[INFO] Building ") && !line.startsWith("[INFO] Building jar"));
            }
            System.out.println();
            String next = null;
            for (String module : modules) {
                String advice = printModule(kit, module, log);
                if (next == null) {
                    next = advice;
                }
            }
            warnAboutChangedKitFiles(kit);
            System.out.println(next == null
                    ? "Every test passes in " + String.join(", ", modules) + ". Well done: on to the next module."
                    : "Next: " + next);
            return 0;
        }

        private static Path newest(Path a, Path b) throws IOException {
            if (!Files.exists(a) || !Files.exists(b)) {
                return Files.exists(a) ? a : b;
            }
            return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b)) >= 0 ? a : b;
        }

        /** Prints one module's progress; returns what to do next in it, or null when it is done. */
        private String printModule(Kit kit, String module, Path log) throws IOException {
            ModuleRun run = collect(kit, module, log);
            long passed = run.count(Status.PASSED);
            System.out.printf("%s: %d / %d tests pass%s%n", module, passed, run.tests().size(),
                    run.tests().isEmpty() ? "" : passed == run.tests().size() ? "  [done]" : "");
            if (!run.compiled()) {
                System.out.println("  " + run.problem());
                return "make " + module + " compile (the compiler's messages are above and in "
                        + root.relativize(log) + ")";
            }
            Map<String, List<TestResult>> groups = run.tests().stream().collect(Collectors.groupingBy(TestResult::group,
                    TreeMap::new, Collectors.toList()));
            List<String> order = new ArrayList<>(groups.keySet());
            order.sort(Comparator.comparingInt(Grade::taskNumber).thenComparing(Comparator.naturalOrder()));
            String next = null;
            for (String group : order) {
                List<TestResult> tests = groups.get(group);
                List<TestResult> failing = tests.stream().filter(t -> t.status() != Status.PASSED).toList();
                System.out.printf("  [%s] %s  (%d / %d)%n", failing.isEmpty() ? "pass" : "FAIL", group,
                        tests.size() - failing.size(), tests.size());
                boolean oneMessage = failing.size() > 1 && failing.stream().map(TestResult::message).distinct().count() == 1
                        && failing.get(0).message() != null;
                // Messages for the first unfinished group, where to work now; later groups by name (or --all).
                boolean detailed = next == null || options.flag("--all");
                for (TestResult test : failing) {
                    System.out.println("      x " + test.displayName());
                    if (detailed && !oneMessage) {
                        System.out.println("        " + (test.status() == Status.SKIPPED ? "skipped" : test.message()));
                    }
                }
                if (detailed && oneMessage) {
                    System.out.println("        all with: " + failing.get(0).message());
                }
                if (next == null && !failing.isEmpty()) {
                    next = readNext(module, group, failing);
                }
            }
            if (run.problem() != null) {
                System.out.println("  note: " + run.problem());
            }
            System.out.println();
            return next;
        }

        /** The README section of the first failing task: from the group's "Task n", else from a stub's message. */
        private String readNext(String module, String group, List<TestResult> failing) {
            String readme = Kit.exerciseOf(module) + "/README.md";
            Matcher task = ANY_TASK.matcher(group);
            if (task.find()) {
                return "read " + readme + ", section \"Task " + task.group(1) + "\" (" + group + ")";
            }
            for (TestResult test : failing) {
                Matcher section = test.message() == null ? null : README_SECTION.matcher(test.message());
                if (section != null && section.find()) {
                    return "read " + section.group(1) + ", section \"" + section.group(2) + "\"";
                }
            }
            return "read " + readme + " and fix \"" + failing.get(0).displayName() + "\" (" + group + ")";
        }

        /** Tells the student when the kit's own files differ from the kit: the grader would not use their copy. */
        private void warnAboutChangedKitFiles(Kit kit) throws IOException {
            if (!Files.isRegularFile(root.resolve(MANIFEST))) {
                return;
            }
            Tampering changed = Tampering.compare(Manifest.read(root.resolve(MANIFEST)), Manifest.hash(root, kit));
            if (!changed.isEmpty()) {
                System.out.println("Note: these kit files differ from the kit's own (tests, given code, poms, tools).");
                System.out.println("Grading uses the kit's versions, so make your code pass those:");
                changed.print(System.out::println);
                System.out.println();
            }
        }
    }
}
