package poolkit.tools;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Waits for the student's code to change: a {@link WatchService} on every folder of some trees (new folders are
 * watched as they appear), with the events of one save gathered by a {@link Debouncer}. Only the JDK: inotify on
 * Linux, the native service on Windows, and on macOS the JDK's polling service (asked to poll often where the JDK
 * still takes that hint).
 */
public final class SourceWatcher implements AutoCloseable {

    private final WatchService service;
    private final Map<WatchKey, Path> folders = new HashMap<>();
    private final Duration quiet;
    private final WatchEvent.Modifier[] modifiers = pollOften();

    public SourceWatcher(List<Path> trees, Duration quiet) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.quiet = quiet;
        for (Path tree : trees) {
            if (Files.isDirectory(tree)) {
                registerTree(tree);
            }
        }
    }

    /**
     * Blocks until a file (not an editor's temporary one) under the trees changes and the changes have settled;
     * returns the changed files. Interrupting the thread, or closing the watcher, ends the wait with an exception.
     */
    public List<Path> awaitChange() throws InterruptedException, IOException {
        Debouncer debouncer = new Debouncer(quiet);
        while (true) {
            long now = System.nanoTime();
            if (debouncer.isDue(now)) {
                List<Path> changed = debouncer.take(now, Files::exists);
                if (!changed.isEmpty()) {
                    return changed;
                }
                continue; // only files that came and went: not a change to the code
            }
            WatchKey key = debouncer.hasChanges()
                    ? service.poll(Math.max(1, debouncer.remaining(now).toMillis()), TimeUnit.MILLISECONDS)
                    : service.take();
            if (key != null) {
                handle(key, debouncer);
            }
        }
    }

    private void handle(WatchKey key, Debouncer debouncer) throws IOException {
        Path folder = folders.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            long now = System.nanoTime();
            if (event.kind() == OVERFLOW || folder == null) {
                debouncer.changed(folder == null ? Path.of("src") : folder.resolve("(many files)"), now);
                continue;
            }
            Path file = folder.resolve((Path) event.context());
            if (event.kind() == ENTRY_CREATE && Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                registerTree(file); // a new package: watch it, and count what it already holds
                try (Stream<Path> inside = Files.walk(file)) {
                    inside.filter(Files::isRegularFile).forEach(f -> debouncer.changed(f, now));
                }
            } else if (event.kind() == ENTRY_CREATE) {
                debouncer.created(file, now);
            } else {
                debouncer.changed(file, now);
            }
        }
        if (!key.reset()) {
            folders.remove(key); // the folder is gone
        }
    }

    private void registerTree(Path tree) throws IOException {
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path folder : walk.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                folders.put(folder.register(service, new WatchEvent.Kind<?>[] {ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY},
                        modifiers), folder);
            }
        }
    }

    /** macOS's JDK polls for changes; where the JDK still has the sensitivity hint, poll every 2 s, not every 10 s. */
    private static WatchEvent.Modifier[] pollOften() {
        try {
            Class<?> sensitivity = Class.forName("com.sun.nio.file.SensitivityWatchEventModifier");
            for (Object constant : sensitivity.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals("HIGH")) {
                    return new WatchEvent.Modifier[] {(WatchEvent.Modifier) constant};
                }
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // not this JDK: plain registration
        }
        return new WatchEvent.Modifier[0];
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}
