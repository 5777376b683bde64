package poolkit.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Deleting and copying folders. */
public final class FileTrees {

    private FileTrees() {
    }

    /** Deletes a folder and everything in it; a link is deleted, never followed. Nothing when it does not exist. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Copies a module's surefire reports into the grading report. */
    public static void copyReports(Path from, Path to) throws IOException {
        List<Path> reports = SurefireReports.files(from);
        if (!reports.isEmpty()) {
            Files.createDirectories(to);
        }
        for (Path report : reports) {
            Files.copy(report, to.resolve(report.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
