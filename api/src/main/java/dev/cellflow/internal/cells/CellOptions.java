package dev.cellflow.internal.cells;

import dev.cellflow.CellflowException;
import dev.cellflow.internal.decorator.BatchKeys;
import dev.cellflow.compute.StepResources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code %batch} asked for a cell, read the same way by the kernel (which runs the cell as
 * a task) and by export (which writes the step's {@code @Batch} and {@code @Resources}).
 *
 * @param backend the compute backend ({@code batch}, or {@code local} for a local process)
 * @param resources cores, memory, GPUs; 0 cores or 0 MB where {@code %batch} did not give them,
 *     until {@link #withResources} combines them with {@code %resources} and the defaults
 * @param queue the Batch job queue, or null for the configured one
 * @param image the container image, or null for the configured one
 * @param keep outputs to keep in the store whatever their size
 * @param returnLimitMb outputs larger than this many MB stay behind unless kept
 * @param more the other {@code @Batch} elements given ({@code iamRole}, {@code efa}, ...), as
 *     text, each checked against its element's type
 */
public record CellOptions(String backend, StepResources resources, String queue, String image,
    List<String> keep, long returnLimitMb, Map<String, String> more) {

  /**
   * What {@code %batch} takes, each with what it takes, for parsing and for {@code --help}:
   * exactly {@code @Batch}'s elements, and the three that are no job settings ({@code backend},
   * {@code keep}, {@code limit}: which backend runs a cell and which outputs come back).
   */
  public static final Map<String, String> KEYS = new LinkedHashMap<>();
  /** What {@code %resources} takes, as {@code @Resources}. */
  public static final Map<String, String> RESOURCES_KEYS = new LinkedHashMap<>();
  /** The keys of {@link #KEYS} that are no {@code @Batch} elements. */
  public static final Set<String> KERNEL_ONLY = Set.of("backend", "keep", "limit");
  /** What {@code %batch} does when given a word: look after the run's remote steps. */
  public static final Set<String> COMMANDS = Set.of("list", "logs", "kill");
  /** The keys this record holds in fields of their own. */
  private static final Set<String> OWN = Set.of("cpu", "memory", "gpu", "queue", "image");

  static {
    KEYS.put("cpu", "N (cores, default 1)");
    KEYS.put("memory", "MB (default 4000)");
    KEYS.put("gpu", "N (default 0)");
    KEYS.put("queue", "NAME (the Batch job queue; default: CELLFLOW_BATCH_QUEUE)");
    KEYS.put("image", "IMAGE (the container image; default: CELLFLOW_BATCH_IMAGE)");
    KEYS.put("backend", "batch|local (local: the same task in a local JVM process)");
    KEYS.put("keep", "NAME[,NAME...] (outputs stored whatever their size, not sent back)");
    KEYS.put("limit", "MB (outputs larger than this stay on the task; default: "
        + "CELLFLOW_CELL_RETURN_LIMIT_MB or 64)");
    // the rest of @Batch's elements, by the annotation's names (BatchKeys), so that a notebook,
    // a script and --with batch take the same vocabulary
    for (String k : BatchKeys.names()) {
      KEYS.putIfAbsent(k, BatchKeys.isList(k) ? "ITEM[;ITEM...] (as @Batch(" + k + "))"
          : "VALUE (as @Batch(" + k + "))");
    }
    RESOURCES_KEYS.put("memory", "MB");
    RESOURCES_KEYS.put("cpu", "N");
    RESOURCES_KEYS.put("gpu", "N");
  }

  /** The options of {@code %batch args}; {@code dfltLimitMb} when it sets no limit. */
  public static CellOptions parse(List<String> args, long dfltLimitMb) {
    return of(MagicArgs.parse("%batch", args, KEYS), dfltLimitMb);
  }

  /**
   * Checks {@code %batch}'s first word: a command ({@link #COMMANDS}) takes no options, and no
   * other word is taken.
   */
  public static void checkCommand(MagicArgs a) {
    String cmd = a.words().get(0);
    if (!COMMANDS.contains(cmd)) {
      throw new MagicException("%batch: unknown command '" + cmd + "'; it takes list, logs"
          + " [STEP], kill [STEP], or options (see %batch --help)");
    }
    if (!a.options().isEmpty()) {
      throw new MagicException("%batch: " + cmd + " takes no options; see %batch --help");
    }
  }

  /** The sizes {@code %resources args} gives ({@link #written}). */
  public static StepResources parseResources(List<String> args) {
    MagicArgs a = MagicArgs.parse("%resources", args, RESOURCES_KEYS);
    a.atMostWords(0, "%resources [memory=MB] [cpu=N] [gpu=N]");
    return written(a);
  }

  /** The options of {@code a}; {@code dfltLimitMb} when it sets no limit. */
  public static CellOptions of(MagicArgs a, long dfltLimitMb) {
    StepResources r = written(a);
    String backend = a.option("backend", "batch");
    if (!backend.matches("[a-z][a-z0-9-]*")) {
      throw new MagicException("%batch: backend=" + backend + " is not a backend name; use"
          + " backend=batch or backend=local");
    }
    List<String> keep = new ArrayList<>();
    for (String k : a.option("keep", "").split(",")) {
      if (!k.isBlank()) {
        if (!k.trim().matches("[A-Za-z_$][\\w$]*")) {
          throw new MagicException("%batch: keep=" + a.option("keep", "") + " must list variable"
              + " names separated by commas, not '" + k + "'");
        }
        keep.add(k.trim());
      }
    }
    long limit = a.intOption("limit", (int) dfltLimitMb, 0, " of megabytes");
    Map<String, String> more = new LinkedHashMap<>();
    a.options().forEach((k, v) -> {
      if (BatchKeys.names().contains(k) && !OWN.contains(k)) {
        try {
          BatchKeys.check(a.magic() + ": ", k, v);
        } catch (CellflowException e) {
          throw new MagicException(e.getMessage());
        }
        more.put(k, v);
      }
    });
    return new CellOptions(backend, r, a.options().get("queue"), a.options().get("image"),
        List.copyOf(keep), limit, Map.copyOf(more));
  }

  /**
   * The sizes {@code a} gives, 0 cores or 0 MB where it gives none: as with {@code @Batch} and
   * {@code @Resources}, a size given to either magic is not raised to the other's default.
   */
  public static StepResources written(MagicArgs a) {
    StepResources r = new StepResources(a.intOption("cpu", 1, 1, " of cores"),
        a.intOption("memory", 4000, 1, " of megabytes"), a.intOption("gpu", 0, 0, " of GPUs"));
    return new StepResources(a.options().containsKey("cpu") ? r.cpu() : 0,
        a.options().containsKey("memory") ? r.memory() : 0, r.gpu());
  }

  /**
   * The same options with their final size: the larger of each size given here and to {@code
   * %resources} ({@code extra}, null without one), the default where neither gave it.
   */
  public CellOptions withResources(StepResources extra) {
    return new CellOptions(backend, (extra == null ? resources : resources.max(extra))
        .orDefaults(), queue, image, keep, returnLimitMb, more);
  }

  /**
   * The backend's options as a {@code --with} value. Without {@code image=} the backend's own
   * default applies (on Batch the {@code batchImage} setting, else a JRE image): the kernel
   * compiles the cell, so its task needs no JDK.
   */
  public List<String> withs() {
    StepResources resources = this.resources.orDefaults();
    StringBuilder s = new StringBuilder(backend).append(":cpu=").append(resources.cpu())
        .append(",memory=").append(resources.memory()).append(",gpu=").append(resources.gpu());
    if (queue != null) {
      s.append(",queue=").append(queue);
    }
    if (image != null) {
      s.append(",image=").append(image);
    }
    // --with separates keys by commas: list items travel separated by ';'
    new TreeMap<>(more).forEach((k, v) -> s.append(',').append(k).append('=')
        .append(BatchKeys.asWithValue(k, v)));
    return List.of(s.toString());
  }

  /**
   * The {@code @Batch} elements of a step run as the kernel runs this cell ({@code backend=
   * batch}): the sizes the kernel gives its task, so the exported step asks for the same, and
   * the other elements as given; empty for another backend.
   */
  public Map<String, String> batchElements() {
    Map<String, String> out = new LinkedHashMap<>();
    if (!backend.equals("batch")) {
      return out;
    }
    StepResources r = resources.orDefaults();
    out.put("cpu", String.valueOf(r.cpu()));
    out.put("memory", String.valueOf(r.memory()));
    if (r.gpu() > 0) {
      out.put("gpu", String.valueOf(r.gpu()));
    }
    if (queue != null) {
      out.put("queue", queue);
    }
    if (image != null) {
      out.put("image", image);
    }
    new TreeMap<>(more).forEach(out::put);
    return out;
  }
}
