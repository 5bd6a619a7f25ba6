package dev.trustgate.domain;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Reads a module's sources with the JDK's own parser and names the public types, top-level and nested, that have
 * no Javadoc comment: the types a product embedding trustgate sees must say what they are. Shared with the
 * application's tests through the domain's test-jar.
 */
public final class PublishedSurface {

    private PublishedSurface() {
    }

    /**
     * The public types declared in the given packages (their own files, not subpackages) under {@code sourceRoot}
     * without a Javadoc comment, as {@code package.Outer.Inner}. A nested type counts when its enclosing type is
     * public and it is public too (members of interfaces are, implicitly); local and private types never count.
     */
    public static List<String> undocumentedPublicTypes(Path sourceRoot, String... packages) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            List<Path> sources = new ArrayList<>();
            for (String pkg : packages) {
                try (Stream<Path> listed = Files.list(sourceRoot.resolve(pkg.replace('.', '/')))) {
                    listed.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java")).sorted()
                            .forEach(sources::add);
                }
            }
            JavacTask task = (JavacTask) javac.getTask(null, files, null, List.of("-proc:none"), null,
                    files.getJavaFileObjectsFromPaths(sources));
            DocTrees docs = DocTrees.instance(task);
            List<String> undocumented = new ArrayList<>();
            for (CompilationUnitTree unit : task.parse()) {
                String pkg = unit.getPackageName() == null ? "" : unit.getPackageName() + ".";
                for (Tree type : unit.getTypeDecls()) {
                    if (type instanceof ClassTree declared) {
                        check(docs, new TreePath(new TreePath(unit), declared), pkg, false, undocumented);
                    }
                }
            }
            return undocumented;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(DocTrees docs, TreePath path, String outer, boolean inInterface, List<String> undocumented) {
        ClassTree type = (ClassTree) path.getLeaf();
        var modifiers = type.getModifiers().getFlags();
        boolean published = modifiers.contains(Modifier.PUBLIC) || inInterface && !modifiers.contains(Modifier.PRIVATE);
        if (!published) {
            return;
        }
        String name = outer + type.getSimpleName();
        DocCommentTree comment = docs.getDocCommentTree(path);
        if (comment == null || comment.getFullBody().isEmpty()) {
            undocumented.add(name);
        }
        boolean isInterface = type.getKind() == Tree.Kind.INTERFACE || type.getKind() == Tree.Kind.ANNOTATION_TYPE;
        for (Tree member : type.getMembers()) {
            if (member instanceof ClassTree nested) {
                check(docs, new TreePath(path, nested), name + ".", isInterface, undocumented);
            }
        }
    }
}
