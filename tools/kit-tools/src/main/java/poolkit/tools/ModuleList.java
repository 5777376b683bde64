package poolkit.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The one reader of the kit's poms: the root pom's {@code <modules>} (in order), and a module's artifactId. Parsed
 * with the JDK's XML parser, so comments, CDATA and layout do not matter; external entities are refused.
 */
public final class ModuleList {

    private ModuleList() {
    }

    /** The modules the pom at {@code pom} lists, as folder paths relative to it, without trailing slashes. */
    public static List<String> read(Path pom) throws IOException {
        Element modules = child(parse(pom).getDocumentElement(), "modules");
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

    /** The pom's own artifactId (not its parent's); {@code fallback} when it has none. */
    public static String artifactId(Path pom, String fallback) throws IOException {
        Element id = child(parse(pom).getDocumentElement(), "artifactId");
        return id == null || id.getTextContent().isBlank() ? fallback : id.getTextContent().strip();
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
