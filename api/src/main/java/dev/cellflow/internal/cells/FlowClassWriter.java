package dev.cellflow.internal.cells;

import dev.cellflow.Batch;
import dev.cellflow.internal.cells.FlowTranslator.Code;
import dev.cellflow.internal.cells.FlowTranslator.Parts;
import dev.cellflow.internal.cells.FlowTranslator.StepCode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes the Java source of a flow class from a notebook's {@link Parts}: a {@code FlowSpec}
 * whose steps run one after another, {@code start}, one per step cell, then {@code end}.
 */
final class FlowClassWriter {
  /** The package of exported flow classes. */
  static final String PACKAGE = "cellflow.notebooks";

  private FlowClassWriter() {}

  /** The source of the flow class for {@code parts}. */
  static GeneratedSource write(Parts parts) {
    GeneratedSource out = new GeneratedSource();
    out.add("package " + PACKAGE + ";\n");
    NotebookImports.DEFAULT.forEach(i -> out.add("import " + i + ";"));
    parts.imports().forEach(i -> out.add(i.endsWith(";") ? i : i + ";"));
    out.add("\n/** Exported by cellflow from a notebook; each step is a cell. */");
    out.add("public class " + parts.flowName() + " extends dev.cellflow.FlowSpec {");
    parts.fields().forEach((name, type) -> out.add("  "
        + (parts.kernelOnly().contains(name) ? "transient " : "") + type + " " + name + ";"));
    for (Code t : parts.types().values()) {
      out.add(withStatic(t.text()), t.cell(), t.line());
    }
    for (Code m : parts.methods().values()) {
      // a method that reads notebook variables reads the flow's fields, so it cannot be static
      Set<String> used = JavaTrees.namesUsed(m.text());
      boolean instance = parts.fields().keySet().stream().anyMatch(used::contains);
      out.add(instance ? m.text() : withStatic(m.text()), m.cell(), m.line());
    }
    List<StepCode> steps = parts.steps();
    boolean ownEnd = steps.get(steps.size() - 1).name().equals("end");
    for (int i = 0; i < steps.size(); i++) {
      StepCode s = steps.get(i);
      boolean end = s.name().equals("end");
      String next = i + 1 < steps.size() ? steps.get(i + 1).name() : "end";
      if (!end) {
        annotations(s).forEach(out::add);
      }
      out.add("  @dev.cellflow.Step public void " + s.name() + "() throws Exception {");
      for (Code c : s.body()) {
        out.add(c.text(), c.cell(), c.line());
      }
      out.add(end ? "  }" : "    next(this::" + next + ");\n  }");
    }
    if (!ownEnd) {
      out.add("  @dev.cellflow.Step public void end() {}");
    }
    out.add("  public static void main(String[] args) {");
    out.add("    dev.cellflow.FlowSpec.main(" + parts.flowName() + ".class, args);\n  }\n}");
    return out;
  }

  /** {@code static} put before a declaration that does not say it, so it needs no instance. */
  private static String withStatic(String decl) {
    return JavaTrees.isStatic(decl) ? decl : "static " + decl.stripLeading();
  }

  /**
   * {@code @Resources} and {@code @Batch} from the cell's {@code %resources}/{@code %batch}, with
   * the sizes the kernel gives the cell ({@link CellMagics#resourcesElements}).
   */
  private static List<String> annotations(StepCode s) {
    CellMagics c = s.magics();
    List<String> out = new java.util.ArrayList<>();
    Map<String, String> res = c.resourcesElements();
    if (!res.isEmpty()) {
      out.add("  @dev.cellflow.Resources(" + res.entrySet().stream()
          .map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining(", ")) + ")");
    }
    Map<String, String> batch = c.batchElements();
    if (batch != null) {
      out.add("  @dev.cellflow.Batch(" + batch.entrySet().stream()
          .map(e -> e.getKey() + " = " + value(e.getKey(), e.getValue()))
          .collect(Collectors.joining(", ")) + ")");
    }
    return out;
  }

  /** A {@code %batch} value (checked by {@link CellMagics}) as a Java literal of its type. */
  private static String value(String key, String v) {
    Class<?> type;
    try {
      type = Batch.class.getMethod(key).getReturnType();
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e); // keys were checked against Batch already
    }
    if (type == String.class) {
      return '"' + v.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
    if (type == String[].class) {
      return "{" + java.util.Arrays.stream(v.split("[,;]"))
          .map(x -> '"' + x.replace("\"", "\\\"") + '"').collect(Collectors.joining(", "))
          + "}";
    }
    return v;
  }
}
