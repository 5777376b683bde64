package poolkit.tools;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The one reader of the kit's poms: the root pom's {@code <modules>} (in order) and {@code <properties>}, and a
 * module's artifactId. Parsed
 * with the JDK's XML parser, so comments, CDATA and layout do not matter; external entities are refused.
 */
public final class ModuleList {

    private ModuleList() {
    }

    /** The modules the pom at {@code pom} lists, as folder paths relative to it, without trailing slashes. */
    public static List<String> read(Path pom) throws IOException {
        return modules(parse(pom));
    }

    private static List<String> modules(Document pom) {
        Element modules = child(pom.getDocumentElement(), "modules");
        List<String> list = new ArrayList<>();
        if (modules != null) {
            for (Node n = modules.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals("module")) {
                    String module = e.getTextContent().strip().replace('\\', '/').replaceAll("/+$", "");
                    if (!module.isEmpty()) {
                        list.add(module);
                    }
                }
            }
        }
        return List.copyOf(list);
    }

    /**
     * The text of a pom without the {@code <module>} entries of the given modules, everything else as it was (the
     * same bytes: a template's root pom, and the root pom {@code grade --canonical} writes, must match its manifest).
     * The entries to drop are found with the XML parser; each is removed with its line when it stands alone on one.
     */
    public static String without(Path pom, Collection<String> absent) throws IOException {
        String text = Files.readString(pom);
        List<String> modules = read(pom);
        StringBuilder kept = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            Matcher entry = MODULE_ENTRY.matcher(line);
            String module = entry.matches() ? entry.group(1).strip().replace('\\', '/').replaceAll("/+$", "") : null;
            if (module == null || !modules.contains(module) || !absent.contains(module)) {
                kept.append(line).append('\n');
            }
        }
        String result = kept.substring(0, kept.length() - 1);
        if (!result.endsWith("\n")) {
            result += "\n";
        }
        List<String> left = new ArrayList<>(modules);
        left.removeAll(absent);
        List<String> check;
        try {
            check = modules(Xml.builder().parse(new InputSource(new StringReader(result))));
        } catch (SAXException e) {
            throw new UsageException(pom + ": leaving out " + absent + " breaks it (" + e.getMessage() + ")");
        }
        if (!check.equals(left)) {
            throw new UsageException(pom + ": cannot leave out " + absent + " (each <module> must stand on a line of its"
                    + " own); its modules would be " + check + ", not " + left);
        }
        return result;
    }

    private static final Pattern MODULE_ENTRY = Pattern.compile("^\\s*<module>([^<]*)</module>\\s*$");

    /** The pom's own artifactId (not its parent's); {@code fallback} when it has none. */
    public static String artifactId(Path pom, String fallback) throws IOException {
        Element id = child(parse(pom).getDocumentElement(), "artifactId");
        return id == null || id.getTextContent().isBlank() ? fallback : id.getTextContent().strip();
    }

    /** A property of the pom's {@code <properties>} ({@code pitest.version}); a property it lacks is a UsageException. */
    public static String property(Path pom, String name) throws IOException {
        Element properties = child(parse(pom).getDocumentElement(), "properties");
        Element value = properties == null ? null : child(properties, name);
        if (value == null) {
            throw new UsageException(pom + " has no property <" + name + "> in its <properties>");
        }
        return value.getTextContent().strip();
    }

    static Element child(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (tag.equals(e.getLocalName()) || tag.equals(e.getTagName()))) {
                return e;
            }
        }
        return null;
    }

    static Document parse(Path xml) throws IOException {
        if (!Files.isRegularFile(xml)) {
            throw new UsageException("no " + xml + ": run this from the kit's root folder (the one with pom.xml and tools/)");
        }
        try {
            return Xml.builder().parse(xml.toFile());
        } catch (SAXException e) {
            throw new UsageException(xml + " is not well-formed XML (" + e.getMessage() + "): fix it, or restore it from the kit");
        }
    }

    /** A namespace-aware parser that reads no DTD or external entity. */
    static final class Xml {
        private Xml() {
        }

        static javax.xml.parsers.DocumentBuilder builder() throws IOException {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                factory.setExpandEntityReferences(false);
                factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
                factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
                factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
                javax.xml.parsers.DocumentBuilder builder = factory.newDocumentBuilder();
                builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() { // throws, prints nothing
                    @Override
                    public void error(org.xml.sax.SAXParseException e) throws SAXException {
                        throw e;
                    }

                    @Override
                    public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                        throw e;
                    }
                });
                return builder;
            } catch (ParserConfigurationException e) {
                throw new IOException("the JDK's XML parser cannot be configured: " + e.getMessage(), e);
            }
        }
    }
}
