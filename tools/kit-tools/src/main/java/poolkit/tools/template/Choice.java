package poolkit.tools.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** tools/template's command line: the modules asked for (folders, unique prefixes, or all) and the output folder. */
public record Choice(List<String> wanted, String out) {

    public static final String USAGE =
            "usage: tools/template MODULE... --out DIR   (MODULE: an exercise or homework folder, a unique prefix of one, or all)";

    /** Reads the arguments; a missing --out or module, or an unknown option, is an IllegalArgumentException (usage). */
    public static Choice parse(List<String> args) {
        String out = null;
        List<String> wanted = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--out") && i + 1 < args.size()) {
                out = args.get(++i);
            } else if (args.get(i).startsWith("-")) {
                throw new IllegalArgumentException(USAGE);
            } else {
                wanted.add(args.get(i));
            }
        }
        if (out == null || wanted.isEmpty()) {
            throw new IllegalArgumentException(USAGE);
        }
        return new Choice(List.copyOf(wanted), out);
    }

    /**
     * The chosen modules among {@code exercises}, in the kit's order: each wanted name exact, a unique prefix, or
     * all; a name that matches no single module is an IllegalArgumentException listing them.
     */
    public List<String> chosen(List<String> exercises) {
        Set<String> picked = new TreeSet<>();
        for (String name : wanted) {
            if (name.equals("all")) {
                picked.addAll(exercises);
                continue;
            }
            String clean = name.replaceAll("/+$", "");
            List<String> hits = exercises.contains(clean) ? List.of(clean)
                    : exercises.stream().filter(m -> m.startsWith(clean)).toList();
            if (hits.size() != 1) {
                throw new IllegalArgumentException("no single exercise or homework module matches '" + name
                        + "'; they are: " + String.join(", ", exercises) + " (or all)");
            }
            picked.add(hits.get(0));
        }
        return exercises.stream().filter(picked::contains).toList();
    }
}
