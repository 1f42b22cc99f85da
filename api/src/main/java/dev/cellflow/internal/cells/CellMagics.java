package dev.cellflow.internal.cells;

import dev.cellflow.CellflowException;
import dev.cellflow.compute.StepResources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * What a cell's magic lines say, read by the kernel's parser ({@link CellText}, {@link
 * CellOptions}), and its code without them (magic lines become blank lines, so line numbers in
 * messages still match the cell).
 *
 * @param cell the cell
 * @param code its Java code
 * @param flowName the name given by {@code %flow NAME}, else null
 * @param endsFlow whether it holds {@code %flow end}
 * @param resources what {@code %resources} gives (0 where not given), null without one
 * @param batch what {@code %batch} asks for, null without {@code %batch}
 * @param jars the jars and folders {@code %jars} or {@code %classpath} add, globs expanded, and
 *     those of {@code %maven} coordinates ({@link MavenJars})
 * @param marked whether its first line is {@code %%step} or {@code %%batch}: a step in JJava and
 *     IJava ({@link StepCells#MARKED})
 */
public record CellMagics(Cell cell, String code, String flowName, boolean endsFlow,
    StepResources resources, CellOptions batch, List<Path> jars, boolean marked) {
  private static final Set<String> FLOW_QUERIES = Set.of("runs", "show", "resume", "export");

  /** The magics of {@code cell}; an error naming the cell for one that export cannot honour. */
  public static CellMagics of(Cell cell) {
    CellText text = CellText.parse(cell.source());
    boolean marked = text.cellMagic() != null && (text.cellMagic().name().equals("step")
        || text.cellMagic().name().equals("batch"));
    if (cell.failed()) {
      return new CellMagics(cell, "", null, false, null, null, List.of(), marked);
    }
    String code = text.body();
    List<CellText.Magic> magics = new ArrayList<>(text.lineMagics());
    if (text.cellMagic() != null) {
      magics.add(text.cellMagic());
      code = "\n" + code; // its line was the first: the code's lines keep their numbers
    }
    String flow = null;
    boolean end = false;
    StepResources res = null;
    CellOptions batch = null;
    List<Path> jars = new ArrayList<>();
    for (CellText.Magic m : magics) {
      String where = "cell " + cell.number() + ": ";
      List<String> args = m.args();
      boolean help = args.contains("--help") || args.contains("-h");
      try {
        switch (m.name()) {
          case "flow" -> {
            if (args.isEmpty()) {
              throw new CellflowException(where + m.line() + ": give the flow's name, as in"
                  + " %flow BigSum");
            }
            if (args.get(0).equals("end")) {
              end = true;
            } else if (!FLOW_QUERIES.contains(args.get(0)) && !help) {
              if (!SourceVersion.isIdentifier(args.get(0)) || SourceVersion.isKeyword(args.get(0))) {
                throw new CellflowException(where + m.line() + ": '" + args.get(0) + "' is not a"
                    + " valid flow name; it names a Java class: letters, digits and _, not"
                    + " starting with a digit");
              }
              flow = args.get(0);
            }
          }
          case "resources", "step" -> {
            if (!help) {
              res = CellOptions.parseResources(args);
            }
          }
          case "batch" -> {
            MagicArgs a = MagicArgs.parse("%batch", args, CellOptions.KEYS);
            if (!a.words().isEmpty()) {
              CellOptions.checkCommand(a); // list, logs, kill: no part of the flow
            } else if (!help) {
              batch = CellOptions.of(a, 0);
            }
          }
          case "jars", "classpath" -> jars.addAll(Jars.resolve("%" + m.name(), args));
          case "maven" -> jars.addAll(MavenJars.resolve("%maven", args));
          default -> throw new CellflowException(where + m.line() + ": unknown magic %"
              + m.name() + "; a flow notebook knows %flow, %resources, %batch, %jars,"
              + " %classpath and %maven");
        }
      } catch (dev.cellflow.internal.cells.MagicException e) {
        throw new CellflowException(where + e.getMessage(), e);
      }
    }
    return new CellMagics(cell, code, flow, end, res, batch, jars, marked);
  }

  /**
   * Whether the kernel runs this cell as a step when a flow is on. In cellflow's kernel ({@link
   * StepCells#EVERY}): it has code, or {@code %batch} sends it out of the kernel, or it failed
   * there (a step that failed still takes its name, so the steps after it are named as in the
   * kernel). In JJava and IJava ({@link StepCells#MARKED}): it starts with {@code %%step} or
   * {@code %%batch} (a failed one is in the list only where it took a step's name).
   */
  boolean isStep(StepCells rule) {
    if (rule == StepCells.MARKED) {
      return marked && (cell.failed() || !help());
    }
    return cell.failed() || !code.isBlank() || batch != null;
  }

  /** A {@code %%step --help} cell: it ran nothing. */
  private boolean help() {
    String first = cell.source().stripLeading().lines().findFirst().orElse("");
    return first.contains(" --help") || first.contains(" -h");
  }

  /** The {@code @Resources} and {@code @Batch} elements of the step, as the kernel sizes it. */
  Map<String, String> resourcesElements() {
    StepResources r = resources;
    if (batch != null) {
      if (batch.backend().equals("batch")) {
        return Map.of(); // its sizes are @Batch's
      }
      r = batch.withResources(resources).resources();
    }
    Map<String, String> out = new java.util.LinkedHashMap<>();
    if (r != null) {
      if (r.cpu() > 0) {
        out.put("cpu", String.valueOf(r.cpu()));
      }
      if (r.memory() > 0) {
        out.put("memory", String.valueOf(r.memory()));
      }
      if (r.gpu() > 0) {
        out.put("gpu", String.valueOf(r.gpu()));
      }
    }
    return out;
  }

  /** The {@code @Batch} elements of the step, null when it runs on no AWS Batch. */
  Map<String, String> batchElements() {
    return batch == null || !batch.backend().equals("batch") ? null
        : batch.withResources(resources).batchElements();
  }
}
