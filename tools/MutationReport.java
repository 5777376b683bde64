import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads PIT's mutations.xml and prints the mutation score and every mutant the tests let through, for
 * tools/mutation. Usage: java tools/MutationReport.java mutations.xml solution-sources [given-sources...]
 * A mutant's file is looked up in the folders given, so each line says whether it is solution or given code.
 */
public class MutationReport {

    record Mutant(String status, boolean detected, String file, int line, String mutator, String description,
                  String method) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java tools/MutationReport.java mutations.xml solution-sources [given-sources...]");
            System.exit(2);
        }
        Path report = Path.of(args[0]);
        List<Path> roots = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            roots.add(Path.of(args[i]));
        }
        List<Mutant> mutants = read(report, roots);

        long total = mutants.size();
        long detected = mutants.stream().filter(Mutant::detected).count();
        long uncovered = mutants.stream().filter(m -> m.status().equals("NO_COVERAGE")).count();
        Map<String, Long> byStatus = new TreeMap<>();
        mutants.forEach(m -> byStatus.merge(m.status(), 1L, Long::sum));
        System.out.printf("Mutation score: %d of %d mutants detected (%s)%n", detected, total, percent(detected, total));
        System.out.printf("Test strength:  %d of %d mutants that the tests reach (%s)%n", detected, total - uncovered,
                percent(detected, total - uncovered));
        System.out.println("By status:      " + byStatus);
        Path solution = roots.get(0);
        List<Mutant> own = mutants.stream().filter(m -> m.file().startsWith(solution.toString())).toList();
        if (own.size() != mutants.size()) {
            long ownDetected = own.stream().filter(Mutant::detected).count();
            System.out.printf("Solution code:  %d of %d detected (%s); given code: %d of %d (%s)%n",
                    ownDetected, own.size(), percent(ownDetected, own.size()),
                    detected - ownDetected, total - own.size(), percent(detected - ownDetected, total - own.size()));
        }

        List<Mutant> alive = mutants.stream().filter(m -> !m.detected())
                .sorted(Comparator.comparing(Mutant::file).thenComparingInt(Mutant::line)).toList();
        System.out.println();
        System.out.println(alive.isEmpty() ? "No mutant survived." : "Mutants the tests did not detect (" + alive.size() + "):");
        for (Mutant m : alive) {
            System.out.printf("  %s:%d  %s  %s  [%s in %s]%n", m.file(), m.line(), m.mutator(), m.description(),
                    m.status(), m.method());
        }
    }

    static List<Mutant> read(Path report, List<Path> roots) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(report.toFile());
        NodeList nodes = document.getElementsByTagName("mutation");
        List<Mutant> mutants = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element node = (Element) nodes.item(i);
            String mutatedClass = text(node, "mutatedClass");
            String packagePath = mutatedClass.contains(".")
                    ? mutatedClass.substring(0, mutatedClass.lastIndexOf('.')).replace('.', '/') : "";
            String file = locate(roots, packagePath, text(node, "sourceFile"));
            String mutator = text(node, "mutator");
            mutator = mutator.substring(mutator.lastIndexOf('.') + 1);
            String method = mutatedClass.substring(mutatedClass.lastIndexOf('.') + 1) + "." + text(node, "mutatedMethod");
            mutants.add(new Mutant(node.getAttribute("status"), Boolean.parseBoolean(node.getAttribute("detected")),
                    file, Integer.parseInt(text(node, "lineNumber")), mutator, text(node, "description"), method));
        }
        return mutants;
    }

    private static String locate(List<Path> roots, String packagePath, String sourceFile) {
        for (Path root : roots) {
            Path candidate = root.resolve(packagePath).resolve(sourceFile);
            if (Files.exists(candidate)) {
                return candidate.toString();
            }
        }
        return packagePath + "/" + sourceFile;
    }

    private static String text(Element node, String tag) {
        NodeList found = node.getElementsByTagName(tag);
        return found.getLength() == 0 ? "" : found.item(0).getTextContent().trim();
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "n/a" : Math.round(100.0 * part / whole) + " %";
    }
}
