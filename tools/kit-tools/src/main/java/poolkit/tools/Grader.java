package poolkit.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code grade}: runs the tests of every exercise and homework module of the kit (test failures do not stop the
 * run; a module that does not compile scores 0 with the compiler's reason), scores them with
 * tools/grading-points.properties, and writes grading-report/ (grade.json, summary.md, the JUnit XML, maven.log,
 * and classroom.json for GitHub Classroom's grading reporter). See GRADING.md.
 *
 * <p>What it trusts: the manifest, the points and the list of modules come from the trusted kit ({@code --canonical
 * KIT}, else this checkout), read before any student code runs. The results come from surefire's reports only
 * where Maven's own output, as the grader received it, agrees ({@link RunSummary}). Tampering costs points as
 * tools/grading-points.properties says ({@link Points.Policy}).
 */
public final class Grader {

    private final Path root;
    private final Options options;

    public Grader(Path root, Options options) {
        this.root = root;
        this.options = options;
    }

    public int run() throws IOException {
        Preload.all(); // the grader's own classes, before student code runs and could replace them on disk
        boolean solutions = options.flag("--solutions");
        Path out = root.resolve(options.values().getOrDefault("--out", Kit.REPORT_DIR));
        FileTrees.deleteRecursively(out);
        Files.createDirectories(out);

        // 1. What is trusted, read before anything runs: the kit's manifest, points and modules.
        String canonicalOption = options.values().get("--canonical");
        Path canonicalKit = canonicalOption == null ? root : Path.of(canonicalOption).toAbsolutePath().normalize();
        Kit trusted = Kit.at(canonicalKit);
        Kit checkout = Kit.at(root);
        Points points = Points.load(canonicalKit.resolve(Kit.POINTS));
        // Modules the kit has and this checkout does not (a Classroom template graded against the whole kit, or a
        // module the student removed): not restored, not built; their exercises score 0 of their full maximum.
        List<String> absent = trusted.modules().stream().filter(m -> !checkout.modules().contains(m)).toList();
        SortedMap<String, String> expected = new TreeMap<>(Manifest.read(canonicalKit.resolve(Kit.MANIFEST)));
        expected.keySet().removeIf(path -> absent.stream().anyMatch(m -> path.startsWith(m + "/")));
        String rootPom = null;
        if (!absent.isEmpty() && canonicalOption != null) {
            rootPom = ModuleList.without(canonicalKit.resolve("pom.xml"), absent);
            expected.put("pom.xml", Manifest.sha256(rootPom.getBytes(StandardCharsets.UTF_8)));
        }

        // 2. Canonical files: verified against the manifest, and restored from a trusted kit when one is given.
        Tampering tampering = Tampering.scan(root, checkout, trusted, expected);
        System.out.println("== canonical files: " + (tampering.isEmpty()
                ? "all " + tampering.checked() + " match " + display(canonicalKit.resolve(Kit.MANIFEST))
                : "TAMPERING FOUND against " + display(canonicalKit.resolve(Kit.MANIFEST))));
        tampering.print(System.out::println);
        if (canonicalOption != null) {
            restore(canonicalKit, expected.keySet(), tampering, rootPom);
            System.out.println("   restored the canonical files from " + canonicalKit
                    + ": the student's main code is graded against the kit's own tests");
        }

        // 3. Which modules: every exercise and homework module of the trusted kit, or their solutions.
        Kit kit = Kit.at(root);
        List<String> exercises = options.values().containsKey("--modules")
                ? trusted.select(List.of(options.values().get("--modules").split(",")), trusted.exercises())
                : trusted.exercises();
        if (exercises.isEmpty()) {
            throw new UsageException("no exercise or homework module in the root pom's <modules>");
        }
        List<String> graded = new ArrayList<>();
        List<String> run = new ArrayList<>();
        for (String exercise : exercises) {
            String module = solutions ? "solutions/" + exercise : exercise;
            if (!trusted.modules().contains(module)) {
                throw new UsageException(module + " is not a module of the root pom");
            }
            graded.add(module);
            if (kit.modules().contains(module) && Files.isDirectory(root.resolve(module), LinkOption.NOFOLLOW_LINKS)) {
                run.add(module);
            }
        }

        // 4. Run, collect, cross-check, score.
        List<String> log = List.of();
        List<String> strays = List.of();
        if (!run.isEmpty()) {
            System.out.println("== running the tests of " + String.join(", ", run));
            Instant started = Instant.now();
            log = MavenRun.runForGrading(root, run, List.of("clean", "test"), mavenArguments(options.maven()), out.resolve("maven.log"),
                    line -> line.startsWith("[INFO] Building ") && !line.startsWith("[INFO] Building jar")
                            || line.contains("Tests run:") && line.contains(" -- in ")
                            || line.startsWith("[ERROR] COMPILATION ERROR"));
            if (options.flag("--stop-strays") || "true".equals(System.getenv("GITHUB_ACTIONS"))) {
                strays = StrayProcesses.stop(started);
                strays.forEach(p -> System.out.println("   stopped a process the tests left running: " + p));
            }
        }
        Map<String, RunSummary.Module> printed = RunSummary.parse(log);
        List<String> sharedChanges = canonicalOption != null ? List.of() : tampering.shared(trusted.exercises());
        List<Graded> results = new ArrayList<>();
        for (String module : graded) {
            String exercise = Kit.exerciseOf(module);
            ModuleRun result;
            Set<String> tampered = new LinkedHashSet<>();
            if (run.contains(module)) {
                Path reports = root.resolve(module).resolve("target/surefire-reports");
                result = TestRuns.collect(kit, module, log);
                for (String disagreement : RunSummary.disagreements(printed.get(kit.artifactId(module)), SurefireReports.read(reports))) {
                    tampered.add("surefire's reports disagree with Maven's run: " + disagreement);
                }
                FileTrees.copyReports(reports, out.resolve("junit").resolve(module.replace('/', '_')));
            } else {
                result = missing(trusted, module);
            }
            if (canonicalOption == null) { // changed files were used as they are: they cost the module
                List<String> changed = new ArrayList<>(tampering.in(exercise));
                changed.addAll(tampering.in("solutions/" + exercise));
                changed.addAll(sharedChanges);
                if (!changed.isEmpty()) {
                    tampered.add("canonical files changed and used: " + String.join(", ", changed));
                }
            }
            results.add(score(exercise, result, points, List.copyOf(tampered)));
        }
        if (points.tampering() == Points.Policy.ZERO_ALL && results.stream().anyMatch(g -> !g.tampered().isEmpty())) {
            results.replaceAll(g -> new Graded(g.exercise(), g.run(), new double[] {0, g.score()[1]}, g.points(),
                    g.tampered().isEmpty() ? List.of("another module was tampered with (tampering = zero-all)") : g.tampered()));
        }

        Report report = new Report(solutions ? "solutions" : "exercises", results, tampering,
                canonicalOption == null ? null : canonicalKit.toString(), points.tampering(), strays);
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
                    + Kit.POINTS + "\n");
            results.forEach(g -> totals.append("module.").append(g.exercise()).append(" = ")
                    .append(Points.number(g.score()[1])).append('\n'));
            Files.writeString(out.resolve("module-totals.properties"), totals);
        }
        String stepSummary = System.getenv("GITHUB_STEP_SUMMARY");
        if (stepSummary != null && !stepSummary.isBlank()) {
            Files.writeString(Path.of(stepSummary), markdown, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        System.out.println("Reports: " + display(out) + "/ (grade.json, summary.md, classroom.json, junit/, maven.log)");
        boolean clean = tampering.isEmpty() && results.stream().allMatch(g -> g.tampered().isEmpty());
        return clean ? 0 : 2;
    }

    /**
     * Maven's arguments for a grading run: the tests' own output goes to files (nothing the code under test prints
     * reaches Maven's output), and every test runs: the task filter (test-support's TaskFilter, {@code -Dpoolkit.task})
     * is switched off last, after the caller's arguments, so no {@code -Dpoolkit.task} from the command line,
     * {@code MAVEN_ARGS} or {@code .mvn/maven.config} can leave tests out (Maven's last {@code -D} wins).
     */
    static List<String> mavenArguments(List<String> given) {
        List<String> args = new ArrayList<>(List.of("-Dmaven.test.redirectTestOutputToFile=true"));
        args.addAll(given);
        args.add("-D" + poolkit.tasks.TaskNumber.PROPERTY + "=");
        return List.copyOf(args);
    }

    /** A module's points under the tampering policy: a tampered module scores 0 of its maximum (zero-module). */
    static Graded score(String exercise, ModuleRun run, Points points, List<String> tampered) {
        double[] score = points.score(exercise, run);
        if (!tampered.isEmpty() && points.tampering() != Points.Policy.REPORT_ONLY) {
            score = new double[] {0, score[1]};
        }
        return new Graded(exercise, run, score, points, tampered);
    }

    /** A module the kit has and the graded checkout does not: every test the kit declares, none run. */
    static ModuleRun missing(Kit trusted, String module) throws IOException {
        String problem = "the module is missing from this checkout";
        List<TestResult> tests = new ArrayList<>();
        Path sources = trusted.testSources(module);
        List<Path> shared = trusted.sharedTestSources();
        for (Map.Entry<String, List<String>> declared : TestSources.declaredTests(sources, shared).entrySet()) {
            Map<String, String> names = TestSources.displayNames(sources, shared, declared.getKey());
            for (String method : declared.getValue()) {
                tests.add(new TestResult(declared.getKey(), method,
                        names.getOrDefault("class", TestSources.simpleName(declared.getKey())),
                        names.getOrDefault(method, method), Status.NOT_RUN, problem));
            }
        }
        return new ModuleRun(module, tests, "does not compile: " + problem);
    }

    /**
     * Makes the checkout's canonical files the kit's: removes the extra files, the links (never followed) and the
     * test machinery in src/main, then copies every canonical file from the kit (the root pom as given).
     */
    private void restore(Path kit, Iterable<String> canonical, Tampering tampering, String rootPom) throws IOException {
        List<String> remove = new ArrayList<>(tampering.links());
        remove.addAll(tampering.extra());
        remove.addAll(tampering.suspicious());
        for (String file : remove) {
            Path path = root.resolve(file);
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                FileTrees.deleteRecursively(path);
            } else {
                Files.deleteIfExists(path); // a link is removed itself, not what it points to
            }
        }
        for (String file : canonical) {
            Path target = root.resolve(file);
            unlinkParents(target);
            Files.createDirectories(target.getParent());
            if (file.equals("pom.xml") && rootPom != null) {
                Files.writeString(target, rootPom);
            } else {
                Files.copy(kit.resolve(file), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /** A canonical file is never written through a link: any link on its way (a linked folder) is removed first. */
    private void unlinkParents(Path target) throws IOException {
        Path relative = root.relativize(target);
        Path path = root;
        for (Path part : relative) {
            path = path.resolve(part);
            if (Files.isSymbolicLink(path)) {
                Files.delete(path);
                return;
            }
        }
    }

    private String display(Path path) {
        return path.startsWith(root) ? root.relativize(path).toString() : path.toString();
    }
}
