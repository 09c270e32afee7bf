package io.rpmkit.repo;

import java.io.IOException;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import io.rpmkit.PackagingException;

/**
 * One metadata document read forward, element by element, with the JDK's StAX parser, for
 * {@link RepodataReader}: untrusted input, so no DTD (a DOCTYPE is refused), no external entities.
 * Elements are matched by local name and attributes by unprefixed name, and an element's text is
 * all character data inside it, as DOM's {@code getTextContent()} gives it (entities and character
 * references replaced, CDATA included, nothing stripped, comments left out).
 */
final class XmlCursor {
    /** Enough of the start to hold a byte order mark and the XML declaration. */
    private static final int PROLOG = 128;
    private static final Pattern ENCODING = Pattern.compile(
            "(?:\\xEF\\xBB\\xBF)?<\\?xml\\s[^>]*?encoding\\s*=\\s*([\"'])([^\"']*)\\1");

    private final XMLStreamReader reader;
    private final MetadataInput input;
    private final String where;
    /** How many elements are open at the cursor: 1 inside the root element. */
    private int depth;
    private boolean ended;

    private XmlCursor(XMLStreamReader reader, MetadataInput input, String where) {
        this.reader = reader;
        this.input = input;
        this.where = where;
    }

    /** A factory for one {@link RepodataReader#read}: factories are not shared between threads. */
    static XMLInputFactory factory() {
        // The JDK's own parser, whatever StAX implementation a Maven runtime puts on the class path.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory;
    }

    /**
     * Opens {@code input} and moves to its root element, which must be {@code root}.
     *
     * @param name the file for the parser's messages, as the location in repomd.xml names it
     */
    static XmlCursor open(XMLInputFactory factory, MetadataInput input, String name, String root)
            throws PackagingException {
        String where = "reading " + name;
        XMLStreamReader reader;
        try {
            PushbackInputStream bytes = new PushbackInputStream(input, PROLOG);
            byte[] prolog = bytes.readNBytes(PROLOG);
            bytes.unread(prolog);
            if (isUtf8(prolog)) {
                input.requireUtf8(prolog);
            }
            reader = factory.createXMLStreamReader(name, bytes);
        } catch (XMLStreamException | IOException | RuntimeException e) {
            throw malformed(input, where, e);
        }
        XmlCursor cursor = new XmlCursor(reader, input, where);
        while (cursor.next() != XMLStreamConstants.START_ELEMENT) {
            // the prolog: declaration, comments, processing instructions
        }
        cursor.depth = 1;
        if (!root.equals(reader.getLocalName())) {
            throw new PackagingException(where + ": the root element is <" + reader.getLocalName() + ">, expected <"
                    + root + ">");
        }
        return cursor;
    }

    /**
     * Whether the document is UTF-8: no byte order mark of UTF-16 or UTF-32 and no XML declaration
     * naming another encoding. createrepo_c writes UTF-8. Its bytes are checked before the parser
     * sees them: the JDK's decoder prints "[Fatal Error]" to the standard error stream on a byte that
     * is not UTF-8, past any Console. Other encodings are left to the parser.
     */
    private static boolean isUtf8(byte[] prolog) {
        if (prolog.length >= 2 && (prolog[0] == 0 || prolog[1] == 0 || (prolog[0] & 0xFF) >= 0xFE)) {
            return false;
        }
        Matcher declaration = ENCODING.matcher(new String(prolog, StandardCharsets.ISO_8859_1));
        return !declaration.lookingAt() || declaration.group(2).equalsIgnoreCase("UTF-8")
                || declaration.group(2).equalsIgnoreCase("UTF8");
    }

    /** How many elements are open: pass it to {@link #nextChild} to walk the current element's children. */
    int depth() {
        return depth;
    }

    /**
     * Moves to the next child element of the element open at {@code parent}, skipping whatever the
     * caller did not read of the previous child, and returns its local name; {@code null} once the
     * parent element has ended.
     */
    String nextChild(int parent) throws PackagingException {
        while (true) {
            int event = next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                if (depth == parent + 1) {
                    return reader.getLocalName();
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                if (depth < parent) {
                    return null;
                }
            }
        }
    }

    /** The current element's attribute without a prefix, empty when it has none (as DOM's getAttribute). */
    String attribute(String local) {
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String prefix = reader.getAttributePrefix(i);
            if ((prefix == null || prefix.isEmpty()) && local.equals(reader.getAttributeLocalName(i))) {
                return reader.getAttributeValue(i);
            }
        }
        return "";
    }

    /** All text inside the current element, its children's included; moves past the element's end. */
    String text() throws PackagingException {
        int element = depth;
        String first = null;
        StringBuilder more = null;
        while (true) {
            switch (next()) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    // The parser splits text at references and buffer ends; most elements have one piece.
                    if (first == null) {
                        first = reader.getText();
                    } else {
                        if (more == null) {
                            more = new StringBuilder(first);
                        }
                        more.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                    }
                }
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> {
                    depth--;
                    if (depth < element) {
                        return more != null ? more.toString() : first != null ? first : "";
                    }
                }
                default -> {
                    // comments and processing instructions are not text
                }
            }
        }
    }

    /**
     * After the root element has ended: reads to the end of the document, which must hold nothing
     * but comments and white space, and checks the file against repomd.xml.
     */
    void finish() throws PackagingException {
        while (!ended) {
            next();
        }
        input.finish();
    }

    private int next() throws PackagingException {
        int event;
        try {
            event = reader.next();
        } catch (XMLStreamException | RuntimeException e) {
            throw malformed(input, where, e);
        }
        if (event == XMLStreamConstants.DTD) {
            throw new PackagingException(where + ": not well-formed XML for repository metadata: a DOCTYPE is"
                    + " disallowed (metadata has no DTD; this reader refuses DTDs and entities as untrusted)");
        }
        ended = event == XMLStreamConstants.END_DOCUMENT;
        return event;
    }

    /** The bytes' own problem if they had one, else the parser's, without its location prefix and newline. */
    private static PackagingException malformed(MetadataInput input, String where, Exception e) {
        if (input.failure() != null) {
            return input.failure();
        }
        String message = String.valueOf(e.getMessage());
        int start = message.indexOf("Message: ");
        if (e instanceof XMLStreamException parse && parse.getLocation() != null && start >= 0) {
            message = "line " + parse.getLocation().getLineNumber() + ", column "
                    + parse.getLocation().getColumnNumber() + ": " + message.substring(start + "Message: ".length());
        }
        return new PackagingException(where + ": not well-formed XML: " + message, e);
    }
}
