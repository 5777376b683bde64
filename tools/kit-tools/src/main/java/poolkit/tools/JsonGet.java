package poolkit.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code tools/kit json-get FILE [--each PATH] KEY...}: the scripts' one reader of the JSON the tools write
 * (grade.json, classroom.json). Prints the values of the KEYs on one line, separated by a space; with {@code --each},
 * one such line for every element of the array at PATH (an array met on the way is walked too: {@code --each
 * modules.tests} is every test of every module), the KEYs read from the element. A KEY or PATH is a dotted path
 * ({@code canonical.tampered}). With {@code --each} and no KEY, the elements themselves print, one a line
 * ({@code --each canonical.modified}: the files). Numbers print as written, strings as they are (a line break as a space), null as
 * {@code null}, an array or object as JSON. A key that is not there fails, naming it and the keys that are.
 */
public final class JsonGet {

    static final String USAGE = "usage: tools/kit json-get FILE [--each ARRAY_PATH] KEY...  "
            + "(e.g. json-get grading-report/grade.json --each modules module points maxPoints)";

    private JsonGet() {
    }

    static int run(Path root, List<String> args, PrintStream out) throws IOException {
        List<String> keys = new ArrayList<>(args);
        String each = null;
        int flag = keys.indexOf("--each");
        if (flag >= 0) {
            if (flag + 1 >= keys.size()) {
                throw new UsageException("--each needs the path of an array. " + USAGE);
            }
            each = keys.get(flag + 1);
            keys.remove(flag + 1);
            keys.remove(flag);
        }
        if (keys.isEmpty() || keys.size() < 2 && each == null) {
            throw new UsageException(USAGE);
        }
        Path file = root.resolve(keys.remove(0));
        Object json;
        try {
            json = JsonReader.parse(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new UsageException("json-get: " + file + " does not exist");
        } catch (IllegalArgumentException e) {
            throw new UsageException("json-get: " + file + " is " + e.getMessage());
        }
        try {
            for (String line : lines(json, each, keys)) {
                out.println(line);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("json-get: " + file + ": " + e.getMessage());
        }
        return 0;
    }

    /** The lines json-get prints: the keys' values of the document, or of every element at {@code each}. */
    static List<String> lines(Object json, String each, List<String> keys) {
        List<String> lines = new ArrayList<>();
        List<Object> elements = each == null ? List.of(json) : elements(json, each);
        for (int i = 0; i < elements.size(); i++) {
            if (keys.isEmpty()) { // the elements themselves: the items of a list of strings
                lines.add(text(elements.get(i)));
                continue;
            }
            List<String> values = new ArrayList<>();
            for (String key : keys) {
                values.add(text(get(elements.get(i), key, each == null ? "" : each + "[" + i + "].")));
            }
            lines.add(String.join(" ", values));
        }
        return lines;
    }

    private static List<Object> elements(Object json, String path) {
        List<Object> level = List.of(json);
        for (String key : path.split("\\.")) {
            List<Object> next = new ArrayList<>();
            for (Object node : level) {
                Object value = get(node, key, "");
                if (value instanceof List<?> list) {
                    next.addAll(list);
                } else {
                    next.add(value);
                }
            }
            level = next;
        }
        return level;
    }

    /** The value at a dotted path; {@code where} names the element for the message when a key is missing. */
    static Object get(Object node, String path, String where) {
        Object value = node;
        String done = where;
        for (String key : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("no key '" + key + "' in " + place(done) + ": it is not an object");
            }
            if (!map.containsKey(key)) {
                throw new IllegalArgumentException("no key '" + key + "' in " + place(done) + "; its keys are " + map.keySet());
            }
            value = map.get(key);
            done = done + key + ".";
        }
        return value;
    }

    private static String place(String done) {
        return done.isEmpty() ? "the document" : done.substring(0, done.length() - 1);
    }

    static String text(Object value) {
        if (value instanceof BigDecimal number) {
            return number.toPlainString();
        } else if (value instanceof String s) {
            return s.replaceAll("\\R", " ");
        } else if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return Json.write(value);
        }
        return String.valueOf(value);
    }
}
