package poolkit.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * tools/canonical-tests.sha256: which files are canonical (the grader trusts them only as the kit has them), and
 * their SHA-256. Line endings are normalised so a Windows checkout matches.
 */
public final class Manifest {

    private Manifest() {
    }

    /** Files and folders the grader trusts only from the kit, relative to the root. */
    public static List<String> areas(Kit kit) {
        List<String> areas = new ArrayList<>(List.of("pom.xml", "mvnw", "mvnw.cmd", ".mvn", "tools", ".github/workflows"));
        for (String module : kit.modules()) {
            if (Kit.isExercise(module)) {
                areas.addAll(List.of(module + "/pom.xml", module + "/src/test", module + "/src/given"));
            } else if (module.startsWith("solutions/")) {
                areas.add(module + "/pom.xml");
            } else {
                // Shared code, all of it: test-support, the tools, and reference-pool (the pool core; its src/main
                // too, the reference pool, which a Classroom template that includes exercise 1 leaves out: then an
                // added file there is reported as extra).
                areas.add(module);
            }
        }
        return areas;
    }

    /**
     * The folders no area's walk enters, relative to the root: the root's .git and grading report, and the build
     * output of the root and of each module the root pom lists ({@code <module>/target}). Nothing else: a folder
     * named "target" inside a source tree is walked like any other, since the compiler would read it.
     */
    public static Set<String> skipped(Kit kit) {
        Set<String> skipped = new TreeSet<>(List.of(".git", Kit.REPORT_DIR, "target"));
        kit.modules().forEach(m -> skipped.add(m + "/target"));
        return skipped;
    }

    /** The files of some areas, and the symbolic links met there (never followed: a link is reported, not read). */
    public record Listing(List<String> files, List<String> links) {
    }

    public static SortedMap<String, String> hash(Path root, Kit kit) throws IOException {
        Listing listing = list(root, areas(kit), skipped(kit));
        SortedMap<String, String> files = new TreeMap<>();
        for (String file : listing.files()) {
            files.put(file, sha256(root.resolve(file)));
        }
        return files;
    }

    /**
     * Every regular file under the areas (files or folders, relative to the root), but for the skipped folders;
     * and every symbolic link, file or folder, which is not followed. Sorted, each once.
     */
    public static Listing list(Path root, List<String> areas, Set<String> skipped) throws IOException {
        Set<String> files = new TreeSet<>();
        Set<String> links = new TreeSet<>();
        for (String area : areas) {
            Path start = root.resolve(area);
            if (!Files.exists(start, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return skipped.contains(relative(root, dir)) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String path = relative(root, file);
                    if (attributes.isSymbolicLink()) {
                        links.add(path);
                    } else if (attributes.isRegularFile() && !path.equals(Kit.MANIFEST)) {
                        files.add(path);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        return new Listing(List.copyOf(files), List.copyOf(links));
    }

    static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    public static String sha256(Path file) throws IOException {
        return sha256(Files.readAllBytes(file));
    }

    /** The SHA-256 of some bytes, line endings normalised to LF. */
    public static String sha256(byte[] bytes) {
        byte[] normalised = new String(bytes, StandardCharsets.ISO_8859_1).replace("\r\n", "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(normalised));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void write(Path manifest, SortedMap<String, String> files) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("# poolkit's canonical files (tests, given code, test support, poms, tools) and their SHA-256,\n")
                .append("# line endings normalised to LF. The grader trusts these files only as they are here.\n")
                .append("# Generated by tools/canonical-tests: do not edit by hand, regenerate and commit.\n");
        files.forEach((path, sha) -> text.append(sha).append("  ").append(path).append('\n'));
        Files.createDirectories(manifest.getParent());
        Files.writeString(manifest, text);
    }

    public static SortedMap<String, String> read(Path manifest) throws IOException {
        if (!Files.isRegularFile(manifest)) {
            throw new UsageException("no manifest at " + manifest + ": generate it with tools/canonical-tests");
        }
        SortedMap<String, String> files = new TreeMap<>();
        for (String line : Files.readAllLines(manifest)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] parts = line.trim().split("\\s+", 2);
                if (parts.length != 2 || !parts[0].matches("[0-9a-f]{64}")) {
                    throw new UsageException(manifest + ": '" + line + "' is not a line of SHA-256 and path:"
                            + " regenerate it with tools/canonical-tests");
                }
                files.put(parts[1], parts[0]);
            }
        }
        return files;
    }

    /** {@code manifest [--check]}: writes tools/canonical-tests.sha256, or fails (exit code 2) when it is stale. */
    public static int command(Path root, Options options) throws IOException {
        Kit kit = Kit.at(root);
        List<String> links = list(root, areas(kit), skipped(kit)).links();
        if (!links.isEmpty()) {
            System.out.println("The kit's canonical files include symbolic links, which the grader refuses: "
                    + String.join(", ", links) + ". Replace them with the files or folders they point to.");
            return 2;
        }
        SortedMap<String, String> actual = hash(root, kit);
        if (options.flag("--check")) {
            Tampering drift = Tampering.compare(read(root.resolve(Kit.MANIFEST)), actual);
            if (drift.isEmpty()) {
                System.out.println(Kit.MANIFEST + " is up to date (" + actual.size() + " canonical files).");
                return 0;
            }
            System.out.println(Kit.MANIFEST + " is stale: the canonical files changed since it was generated.");
            drift.print(System.out::println);
            System.out.println("Regenerate it with tools/canonical-tests and commit it with the change.");
            return 2;
        }
        write(root.resolve(Kit.MANIFEST), actual);
        System.out.println("Wrote " + Kit.MANIFEST + " (" + actual.size() + " canonical files).");
        return 0;
    }
}
