package poolkit.tools;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The outline of a Java source, as far as the kit's tools need it: its package, imports, and types with their
 * annotations, superclass, methods and nested types. A small lexer reads comments, string literals, text blocks and
 * char literals as such, so neither a display name spread over lines ({@code "a (" + "b"}) nor code inside a text
 * block (a test's sample source) is mistaken for a declaration. Code inside method bodies and field initialisers is
 * skipped (anonymous and local classes are not members). JDK only: the launchers compile the tools with plain javac.
 */
public final class JavaSource {

    /** An annotation: its simple name, and the string literals of its arguments joined ("a" + "b" is "ab"). */
    public record Annotation(String name, String text) {
    }

    public record Method(String name, List<Annotation> annotations) {

        public boolean annotated(Set<String> names) {
            return annotations.stream().anyMatch(a -> names.contains(a.name()));
        }
    }

    /** A class, interface, enum, record or annotation type; {@code superclass} as written, empty when none. */
    public record Type(String name, String kind, Set<String> modifiers, List<Annotation> annotations,
            String superclass, List<Method> methods, List<Type> types) {

        public Optional<Annotation> annotation(String simpleName) {
            return annotations.stream().filter(a -> a.name().equals(simpleName)).findFirst();
        }
    }

    public record Outline(String packageName, List<String> imports, List<Type> types) {
    }

    private static final Set<String> TYPE_KEYWORDS = Set.of("class", "interface", "enum", "record");
    private static final Set<String> MODIFIERS = Set.of("public", "protected", "private", "static", "abstract", "final",
            "sealed", "non-sealed", "strictfp", "default", "synchronized", "native", "transient", "volatile");

    private JavaSource() {
    }

    /** Reads a source's outline; text it cannot place (unbalanced braces) ends the outline there, without failing. */
    public static Outline parse(String source) {
        List<Token> tokens = new Lexer(source).tokens();
        String packageName = "";
        List<String> imports = new ArrayList<>();
        List<Type> topLevel = new ArrayList<>();
        // Frames: a type's body (collecting its members) or a block whose content is skipped.
        Deque<Builder> types = new ArrayDeque<>();
        Deque<Boolean> frames = new ArrayDeque<>(); // true: a type's body, false: a skipped block
        List<Token> header = new ArrayList<>();
        int parens = 0;
        for (Token token : tokens) {
            boolean inType = frames.isEmpty() || frames.peek();
            if (!inType) {
                if (token.is("{")) {
                    frames.push(false);
                } else if (token.is("}")) {
                    frames.pop();
                }
                continue;
            }
            if (token.is("(")) {
                parens++;
            } else if (token.is(")")) {
                parens = Math.max(0, parens - 1);
            }
            if (parens > 0 || !(token.is("{") || token.is(";") || token.is("}"))) {
                header.add(token);
                continue;
            }
            if (token.is("}")) { // the end of a type's body
                header.clear();
                if (frames.isEmpty()) {
                    break;
                }
                frames.pop();
                Type done = types.pop().build();
                if (types.isEmpty()) {
                    topLevel.add(done);
                } else {
                    types.peek().types.add(done);
                }
                continue;
            }
            Member member = Member.of(header);
            header.clear();
            if (types.isEmpty() && member.type == null) { // package, import, or stray text outside a type
                List<String> words = member.rest.stream().filter(t -> t.kind != Kind.STRING).map(t -> t.text).toList();
                int from = words.size() > 1 && words.get(1).equals("static") ? 2 : Math.min(1, words.size());
                String name = String.join("", words.subList(from, words.size()));
                if (!words.isEmpty() && words.get(0).equals("package")) {
                    packageName = name;
                } else if (!words.isEmpty() && words.get(0).equals("import")) {
                    imports.add(name);
                }
            }
            if (member.type != null) {
                if (token.is("{")) {
                    types.push(member.type);
                    frames.push(true);
                }
            } else {
                if (member.methodName != null && !types.isEmpty()) {
                    types.peek().methods.add(new Method(member.methodName, member.annotations));
                }
                if (token.is("{")) {
                    frames.push(false);
                }
            }
        }
        while (!types.isEmpty()) { // an unfinished source: keep what was read
            Type done = types.pop().build();
            if (types.isEmpty()) {
                topLevel.add(done);
            } else {
                types.peek().types.add(done);
            }
        }
        return new Outline(packageName, List.copyOf(imports), List.copyOf(topLevel));
    }

    /** The tokens before a member's "{" or ";": its annotations, and what it declares. */
    private static final class Member {
        final List<Annotation> annotations = new ArrayList<>();
        final List<Token> rest = new ArrayList<>();
        Builder type;
        String methodName;

        static Member of(List<Token> header) {
            Member member = new Member();
            int i = 0;
            while (i < header.size()) {
                Token token = header.get(i);
                if (token.is("@") && i + 1 < header.size() && !header.get(i + 1).is("interface")) {
                    i = member.annotation(header, i);
                } else {
                    member.rest.add(token);
                    i++;
                }
            }
            member.declaration();
            return member;
        }

        /** Reads {@code @a.b.Name(args)} from {@code at}; returns the index after it. */
        private int annotation(List<Token> header, int at) {
            int i = at + 1;
            String name = "";
            while (i < header.size() && header.get(i).kind == Kind.WORD) {
                name = header.get(i).text;
                i++;
                if (i < header.size() && header.get(i).is(".") && i + 1 < header.size()
                        && header.get(i + 1).kind == Kind.WORD) {
                    i++;
                } else {
                    break;
                }
            }
            StringBuilder text = new StringBuilder();
            if (i < header.size() && header.get(i).is("(")) {
                int depth = 0;
                do {
                    Token token = header.get(i);
                    depth += token.is("(") ? 1 : token.is(")") ? -1 : 0;
                    if (token.kind == Kind.STRING) {
                        text.append(token.text);
                    }
                    i++;
                } while (i < header.size() && depth > 0);
            }
            annotations.add(new Annotation(name, text.toString()));
            return i;
        }

        private void declaration() {
            Set<String> modifiers = new java.util.LinkedHashSet<>();
            for (int i = 0; i < rest.size(); i++) {
                Token token = rest.get(i);
                if (token.is("=")) {
                    return; // a field (its initialiser may hold anything)
                }
                if (token.is("@") && i + 1 < rest.size() && rest.get(i + 1).is("interface")) {
                    continue;
                }
                if (token.kind == Kind.WORD && MODIFIERS.contains(token.text)) {
                    modifiers.add(token.text);
                } else if (token.kind == Kind.WORD && TYPE_KEYWORDS.contains(token.text) && i + 1 < rest.size()
                        && rest.get(i + 1).kind == Kind.WORD
                        && (!token.text.equals("record") || i + 2 < rest.size()
                                && (rest.get(i + 2).is("(") || rest.get(i + 2).is("<")))) {
                    boolean annotationType = i > 0 && rest.get(i - 1).is("@");
                    String superclass = "";
                    for (int j = i + 2; j + 1 < rest.size(); j++) {
                        if (rest.get(j).is("extends") && token.text.equals("class")) {
                            StringBuilder name = new StringBuilder();
                            for (int k = j + 1; k < rest.size()
                                    && (rest.get(k).kind == Kind.WORD || rest.get(k).is(".")); k++) {
                                name.append(rest.get(k).text);
                            }
                            superclass = name.toString();
                            break;
                        }
                    }
                    type = new Builder(rest.get(i + 1).text, annotationType ? "@interface" : token.text, modifiers,
                            annotations, superclass);
                    return;
                } else if (token.is("(")) {
                    if (i > 0 && rest.get(i - 1).kind == Kind.WORD) {
                        methodName = rest.get(i - 1).text;
                    }
                    return;
                }
            }
        }
    }

    private static final class Builder {
        final String name;
        final String kind;
        final Set<String> modifiers;
        final List<Annotation> annotations;
        final String superclass;
        final List<Method> methods = new ArrayList<>();
        final List<Type> types = new ArrayList<>();

        Builder(String name, String kind, Set<String> modifiers, List<Annotation> annotations, String superclass) {
            this.name = name;
            this.kind = kind;
            this.modifiers = modifiers;
            this.annotations = annotations;
            this.superclass = superclass;
        }

        Type build() {
            return new Type(name, kind, Set.copyOf(modifiers), List.copyOf(annotations), superclass,
                    List.copyOf(methods), List.copyOf(types));
        }
    }

    enum Kind { WORD, STRING, CHAR, NUMBER, SYMBOL }

    record Token(Kind kind, String text) {
        boolean is(String symbolOrWord) {
            return (kind == Kind.SYMBOL || kind == Kind.WORD) && text.equals(symbolOrWord);
        }
    }

    /** Java's tokens, enough for an outline: comments dropped, literals read whole (a string's value unescaped). */
    static final class Lexer {
        private final String s;
        private int i;

        Lexer(String source) {
            this.s = source;
        }

        List<Token> tokens() {
            List<Token> tokens = new ArrayList<>();
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (s.startsWith("//", i)) {
                    int end = s.indexOf('\n', i);
                    i = end < 0 ? s.length() : end + 1;
                } else if (s.startsWith("/*", i)) {
                    int end = s.indexOf("*/", i + 2);
                    i = end < 0 ? s.length() : end + 2;
                } else if (s.startsWith("\"\"\"", i)) {
                    tokens.add(new Token(Kind.STRING, textBlock()));
                } else if (c == '"' || c == '\'') {
                    String value = quoted(c);
                    tokens.add(new Token(c == '"' ? Kind.STRING : Kind.CHAR, value));
                } else if (Character.isJavaIdentifierStart(c)) {
                    int start = i;
                    while (i < s.length() && Character.isJavaIdentifierPart(s.charAt(i))) {
                        i++;
                    }
                    tokens.add(new Token(Kind.WORD, s.substring(start, i)));
                } else if (Character.isDigit(c)) {
                    int start = i;
                    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_'
                            || s.charAt(i) == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                        i++;
                    }
                    tokens.add(new Token(Kind.NUMBER, s.substring(start, i)));
                } else {
                    tokens.add(new Token(Kind.SYMBOL, String.valueOf(c)));
                    i++;
                }
            }
            return tokens;
        }

        private String quoted(char quote) {
            int start = ++i;
            while (i < s.length() && s.charAt(i) != quote && s.charAt(i) != '\n') {
                i += s.charAt(i) == '\\' ? 2 : 1;
            }
            String raw = s.substring(start, Math.min(i, s.length()));
            i++;
            return unescape(raw);
        }

        private String textBlock() {
            int start = i + 3;
            i = start;
            while (i < s.length() && !s.startsWith("\"\"\"", i)) {
                i += s.charAt(i) == '\\' ? 2 : 1;
            }
            String raw = s.substring(Math.min(start, s.length()), Math.min(i, s.length()));
            i += 3;
            int firstLine = raw.indexOf('\n');
            return unescape(firstLine < 0 ? raw : raw.substring(firstLine + 1).stripIndent());
        }

        private static String unescape(String raw) {
            try {
                return raw.translateEscapes();
            } catch (IllegalArgumentException e) {
                return raw; // a malformed escape: the text as written
            }
        }
    }
}
