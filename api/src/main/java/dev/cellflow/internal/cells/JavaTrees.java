package dev.cellflow.internal.cells;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Reads pieces of cell code with javac's parser (no compiling): where a variable's initializer
 * is, and which names a method uses. Text positions come from the parser, never from patterns,
 * so strings, comments and generics in the code cannot mislead them.
 */
final class JavaTrees {
  private JavaTrees() {}

  /** A parsed piece of code: the tree and the text it was parsed from. */
  private record Parsed(CompilationUnitTree unit, Trees trees, String text) {
    String text(Tree t) {
      var pos = trees.getSourcePositions();
      return text.substring((int) pos.getStartPosition(unit, t),
          (int) pos.getEndPosition(unit, t));
    }
  }

  /**
   * The expression that variable {@code name}, declared with type {@code type} in {@code decl},
   * starts with, as an expression that can be assigned ({@code {1, 2}} becomes {@code new
   * int[] {1, 2}}); null when it has none.
   */
  static String initializer(String decl, String name, String type) {
    Parsed p = parse("class W { void m() {\n" + decl + "\n} }");
    ClassTree c = (ClassTree) p.unit().getTypeDecls().get(0);
    MethodTree m = (MethodTree) c.getMembers().get(0);
    for (Tree s : m.getBody().getStatements()) {
      if (s instanceof VariableTree v && v.getName().contentEquals(name)
          && v.getInitializer() != null) {
        String init = p.text(v.getInitializer());
        return v.getInitializer() instanceof NewArrayTree a && a.getType() == null
            ? "new " + type + " " + init : init;
      }
    }
    return null;
  }

  /** The simple names that the body of method declaration {@code method} refers to. */
  static Set<String> namesUsed(String method) {
    Parsed p = parse("class W {\n" + method + "\n}");
    Set<String> names = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        names.add(node.getName().toString());
        return null;
      }
    }.scan(p.unit(), null);
    return names;
  }

  /**
   * Whether expression {@code expr} may stand alone as a statement (a call, an assignment,
   * {@code new}, {@code ++}/{@code --}).
   */
  static boolean isStatementExpression(String expr) {
    Parsed p = parse("class W { Object f = (\n" + expr + "\n); }");
    ClassTree c = (ClassTree) p.unit().getTypeDecls().get(0);
    Tree init = ((VariableTree) c.getMembers().get(0)).getInitializer();
    Tree e = init instanceof com.sun.source.tree.ParenthesizedTree paren
        ? paren.getExpression() : init;
    return switch (e.getKind()) {
      case METHOD_INVOCATION, NEW_CLASS, ASSIGNMENT, PREFIX_INCREMENT, PREFIX_DECREMENT,
          POSTFIX_INCREMENT, POSTFIX_DECREMENT -> true;
      default -> e instanceof com.sun.source.tree.CompoundAssignmentTree;
    };
  }

  /** Whether the declaration {@code decl} (a method or a type) says {@code static}. */
  static boolean isStatic(String decl) {
    Parsed p = parse("class W {\n" + decl + "\n}");
    ClassTree c = (ClassTree) p.unit().getTypeDecls().get(0);
    for (Tree member : c.getMembers()) {
      var mods = member instanceof MethodTree m ? m.getModifiers()
          : member instanceof ClassTree t ? t.getModifiers() : null;
      if (mods != null) {
        return mods.getFlags().contains(javax.lang.model.element.Modifier.STATIC);
      }
    }
    return false;
  }

  private static Parsed parse(String text) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///W.java"),
        JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return text;
      }
    };
    JavacTask task = (JavacTask) javac.getTask(null, null, d -> { }, List.of("-proc:none"), null,
        List.of(file));
    try {
      return new Parsed(task.parse().iterator().next(), Trees.instance(task), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
