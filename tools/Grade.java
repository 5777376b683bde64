import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Starts the kit's tools (the module tools/kit-tools, package poolkit.tools) with nothing but a JDK, for Windows or
 * anywhere without bash; tools/grade, tools/progress and tools/canonical-tests do the same through tools/kit.
 * Run it from the root folder of the checkout to work on:
 *
 * <pre>
 * java tools/Grade.java grade [--solutions] [--modules a,b] [--canonical KIT_DIR] [--out DIR] [-- maven args]
 * java tools/Grade.java progress [module...] [--no-run] [--all] [-- maven args]
 * java tools/Grade.java manifest [--check]
 * java tools/Grade.java --build [KIT_DIR]      (only compiles the tools; tools/kit uses it)
 * </pre>
 *
 * <p>The tools are compiled from tools/kit-tools/src/main/java (and the task rule, test-support/src/tasks/java) into
 * tools/kit-tools/target/kit-classes on first use,
 * and again whenever a source there is newer than that build. With {@code --canonical KIT_DIR} the tools of that
 * trusted kit are the ones that run, not the graded checkout's.
 */
public class Grade {

    static final String SOURCES = "tools/kit-tools/src/main/java";
    /** The task rule, one copy shared with the tests' task filter (test-support's TaskFilter). */
    static final String TASK_RULE = "test-support/src/tasks/java";
    static final String CLASSES = "tools/kit-tools/target/kit-classes";
    static final String STAMP = ".built";

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("--build")) {
            build(Path.of(args.length > 1 ? args[1] : "").toAbsolutePath());
            return;
        }
        Path kit = Path.of("").toAbsolutePath();
        for (int i = 0; i + 1 < args.length && !args[i].equals("--"); i++) {
            if (args[i].equals("--canonical")) {
                kit = Path.of(args[i + 1]).toAbsolutePath();
            }
        }
        Path classes = build(kit);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> main = loader.loadClass("poolkit.tools.Main");
            main.getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Compiles the kit's tools unless their build is newer than every source; returns the classes folder. */
    static Path build(Path kit) throws IOException {
        Path sources = kit.resolve(SOURCES);
        Path classes = kit.resolve(CLASSES);
        if (!Files.isDirectory(sources)) {
            System.err.println("No " + SOURCES + " in " + kit + ": run this from the kit's root folder"
                    + " (the one with pom.xml and tools/), or give --canonical the kit's folder.");
            System.exit(1);
        }
        List<Path> folders = Files.isDirectory(kit.resolve(TASK_RULE)) ? List.of(sources, kit.resolve(TASK_RULE)) : List.of(sources);
        if (!stale(folders, classes.resolve(STAMP))) {
            return classes;
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            System.err.println("This Java has no compiler (" + System.getProperty("java.home") + "): run the kit's tools with a JDK 17 or newer.");
            System.exit(1);
        }
        Files.createDirectories(classes.getParent());
        Path building = Files.createTempDirectory(classes.getParent(), "kit-classes-");
        Path stamp = Files.createFile(building.resolve(STAMP)); // before compiling: an edit made meanwhile stays newer
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-encoding", "UTF-8", "-proc:none", "-nowarn",
                "-d", building.toString()));
        for (Path folder : folders) {
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().forEach(arguments::add);
            }
        }
        if (javac.run(null, null, null, arguments.toArray(String[]::new)) != 0) {
            delete(building);
            System.err.println("The kit's tools (" + SOURCES + ") do not compile: see the messages above.");
            System.exit(1);
        }
        Files.setLastModifiedTime(stamp, Files.getLastModifiedTime(stamp));
        delete(classes);
        try {
            Files.move(building, classes);
        } catch (FileAlreadyExistsException e) { // another launch built them at the same time
            delete(building);
        }
        return classes;
    }

    /** True when there is no build, or a source file or folder (a deleted file changes its folder) is newer. */
    static boolean stale(List<Path> folders, Path stamp) throws IOException {
        if (!Files.isRegularFile(stamp)) {
            return true;
        }
        FileTime built = Files.getLastModifiedTime(stamp);
        for (Path folder : folders) {
            try (Stream<Path> walk = Files.walk(folder)) {
                if (walk.anyMatch(p -> {
                    try {
                        return Files.getLastModifiedTime(p).compareTo(built) > 0;
                    } catch (IOException e) {
                        return true;
                    }
                })) {
                    return true;
                }
            }
        }
        return false;
    }

    static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
