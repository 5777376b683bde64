package poolkit.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code grade}: runs the tests of every exercise and homework module listed in the root pom (test failures do not
 * stop the run; a module that does not compile scores 0 with the compiler's reason), scores them with
 * tools/grading-points.properties, and writes grading-report/ (grade.json, summary.md, the JUnit XML, maven.log,
 * and classroom.json for GitHub Classroom's grading reporter). See GRADING.md.
 */
public final class Grader {
    private final Path root;
    private final Options options;

    public Grader(Path root, Options options) {
        this.root = root;
        this.options = options;
    }

    public int run() throws IOException {
        boolean solutions = options.flag("--solutions");
        Path out = root.resolve(options.values().getOrDefault("--out", Kit.REPORT_DIR));
        FileTrees.deleteRecursively(out);
        Files.createDirectories(out);

        // 1. Canonical files: verified against the manifest, and restored from a trusted kit when one is given.
        String canonicalOption = options.values().get("--canonical");
        Path canonicalKit = canonicalOption == null ? root : Path.of(canonicalOption).toAbsolutePath();
        Kit trusted = Kit.at(canonicalKit);
        SortedMap<String, String> expected = Manifest.read(canonicalKit.resolve(Kit.MANIFEST));
        Tampering tampering = Tampering.compare(expected, hashWithin(Kit.at(root), trusted))
                .withSuspicious(Tampering.suspiciousFiles(root, trusted));
        System.out.println("== canonical files: " + (tampering.isEmpty()
                ? "all " + tampering.checked() + " match " + display(canonicalKit.resolve(Kit.MANIFEST))
                : "TAMPERING FOUND against " + display(canonicalKit.resolve(Kit.MANIFEST))));
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
        Points points = Points.load(root.resolve(Kit.POINTS));
        System.out.println("== running the tests of " + String.join(", ", graded));
        List<String> log = MavenRun.run(root, graded, List.of("clean", "test"), options.maven(), out.resolve("maven.log"),
                line -> line.startsWith("[INFO] Building ") && !line.startsWith("[INFO] Building jar")
                        || line.contains("Tests run:") && line.contains(" -- in ")
                        || line.startsWith("[ERROR] COMPILATION ERROR"));
        List<Graded> results = new ArrayList<>();
        for (String module : graded) {
            ModuleRun run = TestRuns.collect(kit, module, log);
            results.add(new Graded(Kit.exerciseOf(module), run, points.score(Kit.exerciseOf(module), run), points));
            FileTrees.copyReports(root.resolve(module).resolve("target/surefire-reports"),
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
