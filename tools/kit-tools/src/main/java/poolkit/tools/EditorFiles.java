package poolkit.tools;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Files an editor or IDE writes next to the one being edited (swap, backup and atomic-save files): a change to one of
 * them is not a change to the student's code, so {@code progress --watch} does not re-run the tests for it.
 */
public final class EditorFiles {

    private static final List<String> TEMPORARY_ENDINGS = List.of("~", ".swp", ".swo", ".swx", ".swn", ".tmp", ".temp",
            ".bak", ".orig", ".kate-swp", ".crswap", "___jb_tmp___", "___jb_old___", ".part");

    private EditorFiles() {
    }

    /**
     * True for vim's swap files and its "4913" probe, emacs's "#name#" and ".#name" lock files, "name~" backups,
     * JetBrains' "___jb_tmp___" safe-write files, gedit's ".goutputstream-*", VS Code's ".crswap", any hidden
     * file (".DS_Store", "._name"), and ".tmp"/".bak" files.
     */
    public static boolean isTemporary(Path file) {
        Path fileName = file.getFileName();
        if (fileName == null) {
            return true;
        }
        String name = fileName.toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.startsWith(".") || name.startsWith("#") || name.startsWith("~")
                || name.equals("4913") || lower.contains(".goutputstream") || lower.contains(".sb-")) {
            return true;
        }
        return TEMPORARY_ENDINGS.stream().anyMatch(lower::endsWith);
    }
}
