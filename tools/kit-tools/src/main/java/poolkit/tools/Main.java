package poolkit.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kit's tools, with nothing but a JDK, run from the root folder of the checkout they work on (tools/grade,
 * tools/progress and tools/canonical-tests start them through tools/kit; {@code java tools/Grade.java} does too):
 *
 * <pre>
 * grade [--solutions] [--modules a,b] [--canonical KIT_DIR] [--out DIR] [-- maven args]
 * progress [module...] [--no-run] [--all] [--task N] [--watch] [-- maven args]
 * manifest [--check]
 * modules [--exercises|--solutions] [DIR]   (the root pom's modules, one a line: the scripts' one reader)
 * skeleton-check MODULE_DIR...      (tools/check: every test fails on the skeleton)
 * study-check [MODULE_DIR...]       (tools/check: every module can be studied alone; default every exercise)
 * soak-report DIR N                 (tools/soak: which tests failed in which runs)
 * json-get FILE [--each PATH] KEY... (the scripts' reader of grade.json and classroom.json: values, one line each)
 * pom-property NAME                 (a property of the root pom's &lt;properties&gt;, e.g. pitest.version)
 * </pre>
 *
 * <p>Exit codes: 0 done; 1 the tool could not do its job (bad usage, Maven did not start...); 2 grade found
 * tampered canonical files, or manifest --check found the manifest stale.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Path.of("").toAbsolutePath(), args));
    }

    /** Prints the modules of the root pom (of DIR, else of the kit's root), one a line; only exercises or solutions. */
    static int modules(Path root, Options options) throws IOException {
        Path dir = options.arguments().isEmpty() ? root : root.resolve(options.arguments().get(0));
        for (String module : ModuleList.read(dir.resolve("pom.xml"))) {
            boolean wanted = options.flag("--exercises") ? Kit.isExercise(module)
                    : !options.flag("--solutions") || module.startsWith("solutions/");
            if (wanted) {
                System.out.println(module);
            }
        }
        return 0;
    }

    /** Prints a property of the root pom's {@code <properties>}: the scripts' reader of a version there. */
    static int pomProperty(Path root, List<String> args) throws IOException {
        if (args.size() != 1) {
            throw new UsageException("usage: tools/kit pom-property NAME  (e.g. pitest.version)");
        }
        System.out.println(ModuleList.property(root.resolve("pom.xml"), args.get(0)));
        return 0;
    }

    static int run(Path root, String[] args) {
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("tools"))) {
            System.err.println("Run this from the kit's root folder (the one with pom.xml and tools/), e.g. tools/grade");
            return 1;
        }
        List<String> rest = args.length == 0 ? List.of() : List.of(args).subList(1, args.length);
        try {
            return switch (args.length == 0 ? "" : args[0]) {
                case "grade" -> new Grader(root, Options.parse(rest)).run();
                case "progress" -> new ProgressReport(root, Options.parse(rest)).run();
                case "manifest" -> Manifest.command(root, Options.parse(rest));
                case "modules" -> modules(root, Options.parse(rest));
                case "skeleton-check" -> SkeletonCheck.run(root, rest);
                case "study-check" -> StudyCheck.run(root, rest, System.out);
                case "soak-report" -> SoakReport.run(root, rest);
                case "json-get" -> JsonGet.run(root, rest, System.out);
                case "pom-property" -> pomProperty(root, rest);
                default -> {
                    System.err.println("usage: tools/kit grade|progress|manifest|modules|skeleton-check|study-check|soak-report|json-get|pom-property ... (see tools/kit-tools/README.md)");
                    yield 1;
                }
            };
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            System.err.println("grading failed: " + e);
            return 1;
        }
    }
}
