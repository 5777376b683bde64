package poolkit.tools.stages;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Position;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.CompactConstructorDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Stages a solution: the solution with every method (or constructor) whose body in the skeleton is a stub of a task
 * after N, {@code throw NotImplemented.task(n, ...)} with n > N, given back the skeleton's body. That is the code of a
 * student who did tasks 1 to N and not the rest, generated from the two copies the kit has anyway (no markers, no
 * second copy of a solution kept by hand).
 *
 * <p>Methods are matched by their class (nested classes by their path) and signature: name and parameter types as
 * written. Only method bodies change, as text, so everything else in the solution (fields, helpers, classes the
 * skeleton does not have) stays byte for byte.
 */
public final class Stager {

    /** A stub in a skeleton: which task it belongs to, and its body as written there. */
    public record Stub(int task, String body) {
    }

    private static final ThreadLocal<JavaParser> PARSER = ThreadLocal.withInitial(() -> new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)));

    private Stager() {
    }

    /** The stubs of one skeleton source, by signature ("ConnectionPool.close()", "PoolConfig.&lt;compact&gt;"). */
    public static Map<String, Stub> stubs(String skeleton, String file) {
        Map<String, Stub> stubs = new LinkedHashMap<>();
        for (Node callable : callables(parse(skeleton, file))) {
            String signature = signature(callable);
            Optional<BlockStmt> body = body(callable);
            if (signature == null || body.isEmpty()) {
                continue;
            }
            SortedSet<Integer> tasks = new TreeSet<>();
            for (MethodCallExpr call : body.get().findAll(MethodCallExpr.class)) {
                if (call.getNameAsString().equals("task")
                        && call.getScope().map(scope -> scope.toString().equals("NotImplemented")).orElse(false)
                        && !call.getArguments().isEmpty() && call.getArgument(0) instanceof IntegerLiteralExpr number) {
                    tasks.add(number.asNumber().intValue());
                }
            }
            if (tasks.size() > 1) {
                throw new IllegalArgumentException(file + ": " + signature + " is a stub of tasks " + tasks
                        + ": give each method one task, or staged solutions cannot be made");
            }
            if (!tasks.isEmpty()) {
                stubs.put(signature, new Stub(tasks.first(), text(skeleton, body.get())));
            }
        }
        return stubs;
    }

    /**
     * The solution source with the body of every method that is a stub of a task after {@code stage} in the skeleton
     * put back to the skeleton's.
     *
     * @throws IllegalArgumentException when a stub has no method of the same class and signature in the solution
     */
    public static String stage(String skeleton, String solution, int stage, String file) {
        Map<String, Stub> stubs = stubs(skeleton, file);
        Map<String, Node> methods = new LinkedHashMap<>();
        for (Node callable : callables(parse(solution, file))) {
            String signature = signature(callable);
            if (signature != null) {
                methods.put(signature, callable);
            }
        }
        record Edit(int from, int to, String text) {
        }
        List<Edit> edits = new ArrayList<>();
        for (Map.Entry<String, Stub> stub : stubs.entrySet()) {
            if (stub.getValue().task() <= stage) {
                continue;
            }
            Node method = methods.get(stub.getKey());
            if (method == null || body(method).isEmpty()) {
                throw new IllegalArgumentException(file + ": the skeleton's stub " + stub.getKey() + " (Task "
                        + stub.getValue().task() + ") has no method of that class and signature in the solution: name"
                        + " and declare them alike, so the solution can be staged");
            }
            BlockStmt body = body(method).get();
            edits.add(new Edit(offset(solution, body.getBegin().orElseThrow()),
                    offset(solution, body.getEnd().orElseThrow()) + 1, stub.getValue().body()));
        }
        edits.sort(Comparator.comparingInt(Edit::from).reversed());
        StringBuilder staged = new StringBuilder(solution);
        for (Edit edit : edits) {
            staged.replace(edit.from(), edit.to(), edit.text());
        }
        return staged.toString();
    }

    /** The task numbers of every stub in a skeleton's source folder, in order. */
    public static SortedSet<Integer> stubTasks(Path skeletonDir) throws IOException {
        SortedSet<Integer> tasks = new TreeSet<>();
        for (Path file : javaFiles(skeletonDir)) {
            stubs(Files.readString(file), file.toString()).values().forEach(stub -> tasks.add(stub.task()));
        }
        return tasks;
    }

    /**
     * Writes stage {@code stage} of the solution folder into {@code target} (emptied first): every file of the
     * solution, its Java sources staged against the skeleton's source of the same path (a file the skeleton does not
     * have is copied as it is).
     */
    public static void stageFolder(Path skeletonDir, Path solutionDir, int stage, Path target) throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        try (Stream<Path> files = Files.walk(solutionDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = solutionDir.relativize(file);
                Path skeleton = skeletonDir.resolve(relative.toString());
                Path out = target.resolve(relative.toString());
                Files.createDirectories(out.getParent());
                if (file.toString().endsWith(".java") && Files.isRegularFile(skeleton)) {
                    Files.writeString(out, stage(Files.readString(skeleton), Files.readString(file), stage,
                            relative.toString()));
                } else {
                    Files.copy(file, out);
                }
            }
        }
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static CompilationUnit parse(String source, String file) {
        ParseResult<CompilationUnit> result = PARSER.get().parse(source);
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            throw new IllegalArgumentException("cannot parse " + file + ": " + result.getProblems());
        }
        return result.getResult().get();
    }

    private static List<Node> callables(CompilationUnit unit) {
        List<Node> callables = new ArrayList<>();
        callables.addAll(unit.findAll(MethodDeclaration.class));
        callables.addAll(unit.findAll(ConstructorDeclaration.class));
        callables.addAll(unit.findAll(CompactConstructorDeclaration.class));
        return callables;
    }

    /** "Outer.Inner.name(int,List<String>)", "Type.<init>(...)", "Record.<compact>"; null inside a lambda or an anonymous class. */
    static String signature(Node callable) {
        StringBuilder owner = new StringBuilder();
        for (Node parent = callable.getParentNode().orElse(null); parent != null; parent = parent.getParentNode().orElse(null)) {
            if (parent instanceof ObjectCreationExpr || parent instanceof LambdaExpr) {
                return null;
            }
            if (parent instanceof TypeDeclaration<?> type) {
                owner.insert(0, type.getNameAsString() + ".");
            }
        }
        if (callable instanceof MethodDeclaration method) {
            return owner + method.getNameAsString() + parameters(method.getParameters());
        }
        if (callable instanceof ConstructorDeclaration constructor) {
            return owner + "<init>" + parameters(constructor.getParameters());
        }
        return owner + "<compact>";
    }

    private static String parameters(NodeList<Parameter> parameters) {
        return parameters.stream()
                .map(p -> p.getType().asString().replaceAll("\\s+", "") + (p.isVarArgs() ? "..." : ""))
                .collect(Collectors.joining(",", "(", ")"));
    }

    private static Optional<BlockStmt> body(Node callable) {
        if (callable instanceof MethodDeclaration method) {
            return method.getBody();
        }
        if (callable instanceof ConstructorDeclaration constructor) {
            return Optional.of(constructor.getBody());
        }
        if (callable instanceof CompactConstructorDeclaration compact) {
            return Optional.of(compact.getBody());
        }
        return Optional.empty();
    }

    private static String text(String source, Node node) {
        return source.substring(offset(source, node.getBegin().orElseThrow()), offset(source, node.getEnd().orElseThrow()) + 1);
    }

    /** The index in {@code source} of a parser position (lines and columns from 1; a tab counts as one column). */
    static int offset(String source, Position position) {
        int index = 0;
        for (int line = 1; line < position.line; line++) {
            index = source.indexOf('\n', index) + 1;
            if (index == 0) {
                throw new UncheckedIOException(new IOException("no line " + position.line + " in the source"));
            }
        }
        return index + position.column - 1;
    }
}
