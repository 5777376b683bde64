package poolkit.tools;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads every class of the tools before the grader runs student code. The JVM loads a class when first used, from
 * the folder the tools were compiled to, which student code can write to: loaded up front, a class replaced on
 * disk during the test run is never read.
 */
final class Preload {

    private Preload() {
    }

    static void all() throws IOException {
        Path classes;
        try {
            var source = Preload.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return;
            }
            classes = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return;
        }
        if (!Files.isDirectory(classes)) {
            return; // a jar: opened once, at start
        }
        List<String> names;
        try (Stream<Path> walk = Files.walk(classes)) {
            names = walk.map(p -> classes.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.endsWith(".class") && !p.contains("-"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.')).sorted().toList();
        }
        for (String name : names) {
            try {
                Class.forName(name, false, Preload.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IOException("the grader's class " + name + " cannot be loaded (" + e + "): rebuild the tools", e);
            }
        }
    }
}
