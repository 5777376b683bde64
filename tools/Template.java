import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import poolkit.tools.ModuleList;
import poolkit.tools.template.Choice;
import poolkit.tools.template.Markdown;
import poolkit.tools.template.PointsFile;
import poolkit.tools.template.PomText;
import poolkit.tools.template.Retarget;

/**
 * Writes a GitHub Classroom template repository for one assignment: the chosen exercise and homework modules, what
 * they need to build (the root pom listing only them, the Maven wrapper, test-support/, reference-pool/), the
 * grader and the students' tools, the grading workflow, a README for the assignment, and a fresh manifest of the
 * canonical files. No answer key of a chosen module goes in: no solutions/, and when exercise 1 is chosen, not the
 * reference pool either (it is exercise 1's answer): the later modules then compile the student's exercise-1 pool.
 *
 * <pre>
 * tools/template MODULE... --out DIR      (MODULE: a folder, a unique prefix, or all)
 * java -cp tools/kit-tools/target/kit-classes tools/Template.java MODULE... --out DIR   (what it runs, from the kit's root)
 * </pre>
 *
 * <p>The root pom's modules are read, and written for the template, by the kit's tools ({@code poolkit.tools.ModuleList},
 * the one reader of the module list): tools/template builds them first ({@code tools/kit classpath}). The text edits
 * are theirs too, with their unit tests ({@code poolkit.tools.template}: the command line, the pom on the student's
 * pool, Markdown sections and wrapping, the docs' commands retargeted, the points file); this file writes the files.
 *
 * <p>Exit codes: 0 written (warnings, such as a broken link in a README, are printed with "warning:");
 * 1 bad usage or the template could not be written.
 */
public class Template {

    static final String EXERCISE_1 = "exercise-1-basic-pool";
    static final String REFERENCE_POOL = "reference-pool";
    /** Files and folders of the kit that never go into a template: build output, IDE files, reports, git. */
    static final Pattern SKIPPED = Pattern.compile("target|grading-report|\\.git|\\.idea|\\.vscode|\\.settings|\\.classpath|\\.project|.*\\.iml");

    final Path kit;
    final Path out;
    final List<String> chosen;        // the assignment's exercise and homework modules, in the kit's order
    final List<String> shared;        // modules that are neither exercises nor solutions: test-support, reference-pool
    final boolean withExercise1;
    final List<String> onStudentPool = new ArrayList<>(); // chosen modules rewritten to compile the exercise-1 pool
    final List<String> warnings = new ArrayList<>();

    Template(Path kit, Path out, List<String> modules, List<String> chosen) {
        this.kit = kit;
        this.out = out;
        this.chosen = chosen;
        this.shared = modules.stream().filter(m -> !isExercise(m) && !m.startsWith("solutions/")).toList();
        this.withExercise1 = chosen.contains(EXERCISE_1);
    }

    public static void main(String[] args) {
        try {
            System.exit(run(List.of(args)));
        } catch (IllegalArgumentException | poolkit.tools.UsageException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        } catch (IOException | RuntimeException e) {
            System.err.println("template failed: " + e);
            System.exit(1);
        }
    }

    static int run(List<String> args) throws IOException {
        Path kit = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(kit.resolve("pom.xml")) || !Files.isRegularFile(kit.resolve("tools/Grade.java"))) {
            throw new IllegalArgumentException("Run this from the kit's root folder (the one with pom.xml and tools/), e.g. tools/template");
        }
        Choice choice = Choice.parse(args);
        List<String> modules = rootModules(kit);
        List<String> exercises = modules.stream().filter(Template::isExercise).toList();
        List<String> chosen = choice.chosen(exercises);
        Path out = Path.of(choice.out()).toAbsolutePath().normalize();
        if (Files.exists(out) && (!Files.isDirectory(out) || isNotEmpty(out))) {
            throw new IllegalArgumentException(out + " exists and is not an empty folder: choose a new one");
        }
        if (out.startsWith(kit)) {
            throw new IllegalArgumentException("write the template outside the kit (" + out + " is inside " + kit + ")");
        }
        return new Template(kit, out, modules, chosen).write();
    }

    static boolean isExercise(String module) {
        return module.startsWith("exercise-") || module.startsWith("homework/");
    }

    static List<String> rootModules(Path kit) throws IOException {
        return ModuleList.read(kit.resolve("pom.xml"));
    }

    static boolean isNotEmpty(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isPresent();
        }
    }

    // ------------------------------------------------------------------------------------------------ writing

    int write() throws IOException {
        Files.createDirectories(out);
        // The build: wrapper, ignore file, the shared modules, the chosen modules, and the root pom listing only them.
        for (String file : List.of("mvnw", "mvnw.cmd", ".gitignore", ".mvn", ".github/workflows/grade.yml")) {
            copy(file);
        }
        for (String module : shared) {
            if (module.equals(REFERENCE_POOL) && withExercise1) {
                // Exercise 1's answer is the reference pool: only the plumbing goes in.
                copy(REFERENCE_POOL + "/pom.xml");
                copy(REFERENCE_POOL + "/src/given");
            } else {
                copy(module);
            }
        }
        for (String module : chosen) {
            copy(module);
        }
        writeRootPom();
        if (withExercise1) {
            for (String module : chosen) {
                runOnStudentPool(module);
            }
        }
        // The grader and the students' tools.
        // (Their sources, tools/kit-tools, are a module of the root pom, copied with the shared modules above.)
        for (String file : List.of("tools/grade", "tools/progress", "tools/canonical-tests", "tools/kit", "tools/Grade.java")) {
            copy(file);
        }
        writePoints();
        // What the students read.
        writeReadme();
        writeStudying();
        if (shared.contains(REFERENCE_POOL)) {
            writeReferencePoolReadme();
        }
        checkPomPaths();
        checkLinks();
        int files = writeManifest();
        report(files);
        return 0;
    }

    /** Copies a file or a folder of the kit to the same place in the template, leaving out build output and IDE files. */
    void copy(String path) throws IOException {
        Path from = kit.resolve(path);
        if (!Files.exists(from)) {
            throw new IOException("the kit has no " + path);
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.filter(Files::isRegularFile).toList()) {
                Path relative = kit.relativize(source);
                boolean skipped = false;
                for (Path part : relative) {
                    skipped |= SKIPPED.matcher(part.toString()).matches();
                }
                if (!skipped) {
                    Path target = out.resolve(relative.toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** The kit's root pom with only the shared modules and the chosen ones in its {@code <modules>}. */
    void writeRootPom() throws IOException {
        List<String> absent = rootModules(kit).stream().filter(m -> !shared.contains(m) && !chosen.contains(m)).toList();
        Files.writeString(out.resolve("pom.xml"), ModuleList.without(kit.resolve("pom.xml"), absent));
    }

    /**
     * With exercise 1 in the assignment, a module that compiles the kit's reference pool compiles the student's
     * exercise-1 pool instead, and exercise 1's given code with it (the skeleton throws its NotImplemented).
     */
    void runOnStudentPool(String module) throws IOException {
        Path pomFile = out.resolve(module).resolve("pom.xml");
        String pom = Files.readString(pomFile);
        if (module.equals(EXERCISE_1) || !PomText.compilesReferencePool(pom)) {
            return;
        }
        Files.writeString(pomFile, PomText.onStudentPool(pom));
        onStudentPool.add(module);
    }

    /** The points file without the lines about modules (module.X) or test classes the template does not have. */
    void writePoints() throws IOException {
        List<String> lines = PointsFile.keep(Files.readAllLines(kit.resolve("tools/grading-points.properties")),
                chosen::contains, this::hasTestClass);
        Files.writeString(out.resolve("tools/grading-points.properties"), String.join("\n", lines) + "\n");
    }

    boolean hasTestClass(String testKey) {
        String source = testKey.replaceFirst("#.*", "").replaceFirst("\\$.*", "").replace('.', '/') + ".java";
        return chosen.stream().anyMatch(m -> Files.isRegularFile(out.resolve(m).resolve("src/test/java").resolve(source)));
    }

    // ------------------------------------------------------------------------------------------------ documents

    /**
     * The kit's docs show commands on exercise 1; in a template without it, they name the first chosen module. Only
     * commands change (lines of code blocks and code spans that start with one), not sample output.
     */
    String retarget(String text) {
        return withExercise1 ? text : Retarget.commands(text, chosen.get(0));
    }

    /** Every mention of exercise 1 in the text, as a folder or as a progress argument, becomes the first chosen module. */
    String retargetAll(String text) {
        return withExercise1 ? text : Retarget.all(text, chosen.get(0));
    }

    String moduleList(List<String> names) {
        return names.stream().map(m -> "`" + m + "`").collect(Collectors.joining(", "));
    }

    void writeReadme() throws IOException {
        Map<String, String> kitReadme = Markdown.sections(Files.readString(kit.resolve("README.md")));
        StringBuilder readme = new StringBuilder();
        String intro = kitReadme.getOrDefault("", "# poolkit");
        if (chosen.size() == 1) {
            intro = intro.replaceFirst("^# .*", Matcher.quoteReplacement("# poolkit: " + pomName(chosen.get(0))));
        }
        readme.append(intro).append("\n\n");

        readme.append("## This assignment\n\n");
        readme.append(Markdown.wrap((chosen.size() == 1 ? "One module of the kit: " : "These modules of the kit: ")
                + chosen.stream().map(m -> "[" + m + "](" + m + "/README.md)").collect(Collectors.joining(", "))
                + ". You write each module's `src/main/java`; everything else (the tests, the given code, the poms, "
                + "the tools) is the kit's, and the grader checks it is unchanged (see [Grading](#grading)). "
                + "The worked solutions are not in this repository: your instructor has them.")).append("\n\n");
        if (!onStudentPool.isEmpty()) {
            readme.append(Markdown.wrap("**In this assignment, " + moduleList(onStudentPool)
                    + (onStudentPool.size() == 1 ? " runs" : " run")
                    + " on your exercise-1 pool: finish exercise 1's tasks first.** In the kit, later modules build on "
                    + "the kit's reference pool; here your `" + EXERCISE_1 + "/src/main/java` takes its place, "
                    + "so their tests can pass only once your pool passes exercise 1's tests, Task 7 (the extension "
                    + "points: `PoolHooks`, `setMaxConnections`, `checkIdle`, `addConnection`) included. Until then they "
                    + "fail with exercise 1's \"not implemented yet\" messages. See [reference-pool/README.md]("
                    + REFERENCE_POOL + "/README.md).")).append("\n\n");
        }

        if (kitReadme.containsKey("Prerequisites")) {
            readme.append("## Prerequisites\n\n").append(kitReadme.get("Prerequisites")).append("\n\n");
        }
        if (kitReadme.containsKey("Start")) {
            readme.append("## Start\n\n").append(retargetAll(kitReadme.get("Start"))).append("\n\n");
        }
        readme.append("## The modules\n\n").append(modulesSection(kitReadme.getOrDefault("The modules", ""))).append("\n\n");
        for (String heading : List.of("Choosing the database", "Studying alone")) {
            if (kitReadme.containsKey(heading)) {
                readme.append("## ").append(heading).append("\n\n").append(retarget(kitReadme.get(heading))).append("\n\n");
            }
        }
        readme.append("""
                ## Grading

                Every push runs the grader in GitHub Actions (`.github/workflows/grade.yml`; with GitHub Classroom, the
                points go to its gradebook). It runs the tests of every module of this assignment and shows a score table
                in the job summary. Run the same grading yourself, on your own machine:

                ```
                tools/grade
                ```

                (On Windows, or without bash: `java tools/Grade.java grade`.) It prints the tests passed and the points of
                each module and writes `grading-report/` (ignored by git). A module that does not compile scores 0. Before
                running anything it compares the kit's files (tests, given code, test support, poms, tools, the workflow)
                with `tools/canonical-tests.sha256` and reports each change: your instructor grades with the kit's own
                copies, so make your code pass the tests as they are.
                """);
        Files.writeString(out.resolve("README.md"), readme.toString());
    }

    /**
     * The kit's "The modules" section: its first table (the modules) without the modules left out, and the text
     * after it; then what this template's modules build on, read from their poms, and this template's folders.
     */
    String modulesSection(String kitSection) throws IOException {
        Pattern row = Pattern.compile("^\\|\\s*\\[[^\\]]*\\]\\(([^)]+?)/README\\.md\\)");
        List<String> kept = new ArrayList<>();
        boolean tableSeen = false;
        for (String block : kitSection.split("\n\\s*\n")) {
            boolean table = block.startsWith("|");
            if (table && tableSeen || block.startsWith("Other top-level folders")) {
                // The kit's further tables and folders describe the whole kit (solutions/...): this template's follow.
                if (!kept.isEmpty() && kept.get(kept.size() - 1).strip().endsWith(":")) {
                    kept.remove(kept.size() - 1); // the sentence that introduced the table
                }
                break;
            }
            if (table) {
                tableSeen = true;
                StringBuilder rows = new StringBuilder();
                for (String line : block.split("\n")) {
                    Matcher m = row.matcher(line);
                    if (!m.find() || Files.isRegularFile(out.resolve(m.group(1)).resolve("pom.xml"))) {
                        rows.append(line).append('\n');
                    }
                }
                block = rows.toString().strip();
            }
            kept.add(block);
        }
        if (!onStudentPool.isEmpty()) {
            // The kit says its modules stand alone; here the later ones need the student's exercise-1 pool.
            String instead = "In this assignment, though, " + moduleList(onStudentPool)
                    + (onStudentPool.size() == 1 ? " needs" : " need") + " your exercise-1 pool: do exercise 1 first.";
            Pattern standAlone = Pattern.compile("(?<=\\.)\\s+[^.]*without\\s+having\\s+finished[^.]*\\.");
            int at = -1;
            for (int i = 0; i < kept.size() && at < 0; i++) {
                if (!kept.get(i).startsWith("|") && standAlone.matcher(kept.get(i)).find()) {
                    at = i;
                }
            }
            if (at >= 0) {
                String paragraph = standAlone.matcher(kept.get(at)).replaceFirst(Matcher.quoteReplacement(" " + instead));
                kept.set(at, Markdown.wrap(paragraph.replace('\n', ' ')));
            } else {
                kept.add(Markdown.wrap(instead));
            }
        }
        String modules = String.join("\n\n", kept);
        StringBuilder text = new StringBuilder(modules);
        text.append("\n\nWhat each module builds on (its `pom.xml` names the folders it compiles):\n\n")
                .append("| Module | Builds on |\n|---|---|\n");
        for (String module : chosen) {
            text.append("| ").append(module).append(" | ").append(buildsOn(module)).append(" |\n");
        }
        if (shared.contains("test-support")) {
            text.append("| every module's tests | `test-support/` |\n");
        }
        text.append("\nOther top-level folders:\n\n");
        StringBuilder folders = new StringBuilder();
        if (shared.contains(REFERENCE_POOL)) {
            folders.append(withExercise1
                    ? "- `reference-pool/` holds the plumbing every pool here is built on (`src/given/java`: read it, leave it). "
                            + "In the kit it also holds the reference pool; in this assignment your exercise-1 pool takes its place. "
                            + "See [reference-pool/README.md](reference-pool/README.md).\n"
                    : "- `reference-pool/` is the kit's pool core: the plumbing (`src/given/java`) and the reference pool "
                            + "(`src/main/java`) that the modules build on. Read it, leave it. "
                            + "See [reference-pool/README.md](reference-pool/README.md).\n");
        }
        if (shared.contains("test-support")) {
            folders.append("- `test-support/` is the code all tests share: database selection, the embedded PostgreSQL, a "
                    + "connection factory that counts what a pool does and injects faults, and helpers for concurrent tests.\n");
        }
        for (String module : shared) {
            if (!module.equals(REFERENCE_POOL) && !module.equals("test-support") && !module.startsWith("tools/")) {
                folders.append("- `").append(module).append("/` is shared by the modules: read it, leave it.\n");
            }
        }
        folders.append("- `tools/` holds `tools/progress` (where you are: see [STUDYING.md](STUDYING.md)) and the grader, "
                + "`tools/grade` (see [Grading](#grading)).");
        for (String item : folders.toString().split("\n")) {
            text.append(Markdown.wrap(item, "  ")).append('\n');
        }
        return text.toString().strip();
    }

    /** The folders of the kit a module's pom compiles besides its own, in words. */
    String buildsOn(String module) throws IOException {
        String pom = PomText.maskComments(Files.readString(out.resolve(module).resolve("pom.xml")));
        Matcher folder = Pattern.compile("\\$\\{poolkit\\.root\\}/([^<\\s]+?)(?:/java)?\\s*<").matcher(pom);
        List<String> parts = new ArrayList<>();
        while (folder.find()) {
            String dir = folder.group(1);
            String part = dir.equals(REFERENCE_POOL + "/src/given") ? "the plumbing (`" + dir + "`)"
                    : dir.equals(REFERENCE_POOL + "/src/main") ? "the reference pool (`" + dir + "`)"
                    : dir.equals(EXERCISE_1 + "/src/main") ? "your exercise-1 pool (`" + dir + "`)"
                    : dir.equals(EXERCISE_1 + "/src/given") ? "exercise 1's given code (`" + dir + "`)"
                    : "`" + dir + "`";
            if (!parts.contains(part)) {
                parts.add(part);
            }
        }
        return parts.isEmpty() ? "its own code only" : String.join(", ", parts);
    }

    String pomName(String module) throws IOException {
        String pom = Files.readString(out.resolve(module).resolve("pom.xml")).replaceAll("(?s)<!--.*?-->", "");
        String afterParent = pom.contains("</parent>") ? pom.substring(pom.indexOf("</parent>")) : pom;
        Matcher m = Pattern.compile("<name>\\s*([^<]+?)\\s*</name>").matcher(afterParent);
        return m.find() ? m.group(1) : module;
    }

    /** STUDYING.md, with its commands on this assignment's modules, and no pointers to what the template leaves out. */
    void writeStudying() throws IOException {
        Path source = kit.resolve("STUDYING.md");
        if (!Files.isRegularFile(source)) {
            return;
        }
        Map<String, String> parts = Markdown.sections(Files.readString(source));
        StringBuilder text = new StringBuilder();
        parts.forEach((heading, body) -> {
            if (!heading.isEmpty()) {
                text.append("## ").append(heading).append("\n\n");
            }
            if (heading.equals("Solutions")) {
                body = Markdown.wrap("The worked solutions are not in this repository: your instructor has them. When you are stuck, "
                        + "each module's README has hints, one at a time, and explains designs that work.");
            }
            text.append(retarget(body).replace("[GRADING.md](GRADING.md)", "[Grading](README.md#grading)")).append("\n\n");
        });
        Files.writeString(out.resolve("STUDYING.md"), text.toString().strip() + "\n");
    }

    /**
     * reference-pool/README.md for the template (the kit's tells maintainers about solutions/ and changing the core):
     * with exercise 1, the plumbing only and the student's pool in the reference pool's place; without, the core and
     * the kit's description of the reference pool.
     */
    void writeReferencePoolReadme() throws IOException {
        Path target = out.resolve(REFERENCE_POOL).resolve("README.md");
        Path kitReadme = kit.resolve(REFERENCE_POOL).resolve("README.md");
        String text;
        if (withExercise1) {
            String users = onStudentPool.isEmpty() ? "No other module of this assignment uses it"
                    : Markdown.wrap("In this assignment, " + moduleList(onStudentPool) + (onStudentPool.size() == 1 ? " compiles" : " compile")
                            + " your `" + EXERCISE_1 + "/src/main/java` where the kit compiles the reference pool ("
                            + (onStudentPool.size() == 1 ? "its pom points `poolkit.reference-pool.dir` at that folder and compiles"
                                    : "their poms point `poolkit.reference-pool.dir` at that folder and compile")
                            + " exercise 1's given code with it)");
            text = """
                    # reference-pool: the plumbing your pool is built on

                    In the kit, this module holds the pool core once: the plumbing every pool is built on, and the reference
                    pool, which is the answer to exercise 1. This assignment includes exercise 1, so only the plumbing is
                    here: **your exercise-1 pool takes the reference pool's place.**

                    | Folder | Who writes it | What it is |
                    |---|---|---|
                    | `src/given/java/poolkit/basic/` | given | `DelegatingConnection`, `AbstractPoolDataSource`, `ConnectionFactory`, `PoolStats`, `PoolHooks`: read them, leave them |
                    | `../EXERCISE_1/src/main/java/poolkit/basic/` | you | your pool: `ConnectionPool`, `PoolConfig`, `PooledConnection` (exercise 1) |

                    USERS. They use only the pool's public API, which your skeleton already declares:

                    - `new ConnectionPool(PoolConfig, ConnectionFactory)` and `new ConnectionPool(PoolConfig, ConnectionFactory, PoolHooks)`;
                    - `getConnection()`, `stats()`, `isClosed()`, `close()`;
                    - `maxConnections()` and `setMaxConnections(int)`, a limit that changes at run time;
                    - `checkIdle(Predicate<Connection>)`, a housekeeper's sweep over the idle connections;
                    - `addConnection()`, one more idle connection when below the limit;
                    - `PoolConfig` and its builder.

                    So finish exercise 1 first, Task 7 included: until your pool works, the later modules' tests fail with
                    exercise 1's "not implemented yet" messages. Keep the public signatures as they are.

                    This module's `pom.xml` compiles the plumbing on its own (`./mvnw compile -pl reference-pool`); exercise 1
                    compiles it from here too (`poolkit.plumbing.dir` in its `pom.xml`).
                    """.replace("EXERCISE_1", EXERCISE_1).replace("USERS", users);
        } else {
            text = """
                    # reference-pool: the pool core the modules build on

                    The kit keeps its pool core once, here, and the modules of this assignment compile it from this folder
                    (their poms set `poolkit.plumbing.dir` and `poolkit.reference-pool.dir`). Read it, leave it: the grader
                    checks it is unchanged.

                    | Folder | What it is |
                    |---|---|
                    | `src/given/java/poolkit/basic/` | the plumbing: `DelegatingConnection`, `AbstractPoolDataSource`, `ConnectionFactory`, `PoolStats`, `PoolHooks` |
                    | `src/main/java/poolkit/basic/` | the reference pool: `ConnectionPool`, `PoolConfig`, `PooledConnection`, a working pool with the extension points the modules use (`PoolHooks`, `setMaxConnections`, `checkIdle`, `addConnection`) |
                    """;
            // The kit's description of the reference pool (its design, its extension points) applies here as it is.
            String design = Files.isRegularFile(kitReadme)
                    ? Markdown.sections(Files.readString(kitReadme)).get("The reference pool") : null;
            if (design != null) {
                text += "\n## The reference pool\n\n" + design + "\n";
            }
        }
        Files.writeString(target, text);
    }

    // ------------------------------------------------------------------------------------------------ checks

    /** Every folder a template pom names under ${poolkit.root} must be in the template: else it would not build. */
    void checkPomPaths() throws IOException {
        Pattern path = Pattern.compile("\\$\\{poolkit\\.root\\}/([^<\\s]+)");
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path pom : walk.filter(p -> p.getFileName().toString().equals("pom.xml")).toList()) {
                Matcher m = path.matcher(PomText.maskComments(Files.readString(pom)));
                while (m.find()) {
                    String dir = m.group(1);
                    if (!Files.exists(out.resolve(dir))) {
                        throw new IOException(out.relativize(pom) + " needs ${poolkit.root}/" + dir
                                + ", which the template does not have");
                    }
                }
            }
        }
    }

    /** Relative links in the template's Markdown that lead nowhere (a README pointing at a module left out). */
    void checkLinks() throws IOException {
        Pattern link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path md : walk.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                Matcher m = link.matcher(Files.readString(md));
                while (m.find()) {
                    String target = m.group(1);
                    if (!target.matches("[a-z]+:.*") && !Files.exists(md.getParent().resolve(target).normalize())) {
                        warnings.add(out.relativize(md) + " links to " + target + ", which the template does not have");
                    }
                }
            }
        }
    }

    /** The template's own manifest of canonical files, written by the template's grader. */
    int writeManifest() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "tools/Grade.java", "manifest").directory(out.toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException("tools/canonical-tests failed in the template:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        Matcher count = Pattern.compile("\\((\\d+) canonical files\\)").matcher(output);
        return count.find() ? Integer.parseInt(count.group(1)) : -1;
    }

    void report(int canonical) throws IOException {
        long files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).count();
        }
        List<String> built = new ArrayList<>(shared);
        built.addAll(chosen);
        System.out.println("Wrote a template for " + String.join(", ", chosen) + " to " + out + " (" + files + " files):");
        System.out.println("  modules      " + String.join(", ", chosen) + "  (pom, README, src/main skeleton, src/given, src/test)");
        System.out.println("  shared       " + shared.stream().map(m -> m.equals(REFERENCE_POOL) && withExercise1
                ? m + " (pom and src/given: the plumbing)" : m).collect(Collectors.joining(", ")));
        System.out.println("  build        pom.xml (modules: " + String.join(", ", built) + "), mvnw, mvnw.cmd, .mvn/, .gitignore");
        System.out.println("  grading      tools/grade, tools/progress, tools/kit, tools/Grade.java, tools/kit-tools/ (their sources),");
        System.out.println("               tools/grading-points.properties,");
        System.out.println("               tools/canonical-tests, tools/canonical-tests.sha256 (" + canonical
                + " canonical files), .github/workflows/grade.yml");
        System.out.println("  docs         README.md, STUDYING.md" + (shared.contains(REFERENCE_POOL) ? ", reference-pool/README.md" : ""));
        System.out.println("  answer keys  none: no solutions/" + (withExercise1 ? ", no reference pool (exercise 1's answer)" : ""));
        if (!onStudentPool.isEmpty()) {
            System.out.println("  on the student's exercise-1 pool: " + String.join(", ", onStudentPool));
        }
        warnings.forEach(w -> System.out.println("warning: " + w));
        System.out.println("Next: cd " + out + " && git init -b main && git add -A && git commit -m \"poolkit assignment\",");
        System.out.println("then push it to a new repository, mark it as a template, and create the assignment from it (GRADING.md).");
    }
}
