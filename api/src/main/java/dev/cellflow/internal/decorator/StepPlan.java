package dev.cellflow.internal.decorator;

import dev.cellflow.Batch;
import dev.cellflow.Catch;
import dev.cellflow.CellflowException;
import dev.cellflow.Parallel;
import dev.cellflow.Resources;
import dev.cellflow.Retry;
import dev.cellflow.Timeout;
import dev.cellflow.compute.StepResources;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where and with what a step runs, from its annotations and the {@code --with} options.
 *
 * @param step the step
 * @param backend the compute backend's name ({@code local}, {@code batch})
 * @param resources what it asks for
 * @param retries attempts after the first ({@code @Retry}), 0 without it
 * @param retryDelaySeconds the wait before each retry
 * @param timeoutSeconds when to end a task ({@code @Timeout}), 0 for never
 * @param catchVar whether failures are caught ({@code @Catch}): the field to store them in,
 *     "" to store nowhere, null when not caught
 * @param backendArgs the backend's own arguments as text ({@code queue}, {@code image}, ...),
 *     from {@code @Batch} or else {@code --with batch:k=v}; sizes are in {@code resources}
 */
public record StepPlan(String step, String backend, StepResources resources, int retries,
    long retryDelaySeconds, long timeoutSeconds, String catchVar,
    Map<String, String> backendArgs) {
  private static final Set<String> RESOURCES_KEYS = Set.of("cpu", "memory", "gpu");

  /** The plan for step method {@code m} under the {@code withs}. */
  public static StepPlan of(Method m, List<WithSpec> withs) {
    String step = m.getName();
    // Metaflow's rule: each size is the larger of the values written for it (@Resources,
    // @Batch or --with batch, --with resources), and the default where none is written, so a
    // @Batch(memory = 1024) alone is not raised to @Resources' default
    StepResources res = StepResources.NONE;
    Resources r = m.getAnnotation(Resources.class);
    if (r != null) {
      res = StepResources.of(r, step);
    }
    String backend = "local";
    Map<String, String> backendArgs = Map.of();
    Batch b = m.getAnnotation(Batch.class);
    if (b != null) {
      backend = "batch";
      res = res.max(StepResources.written(b.cpu(), b.memory(), b.gpu(), "@Batch", step));
      backendArgs = BatchArgs.of(b);
    }
    for (WithSpec w : withs) {
      switch (w.name()) {
        case "resources" -> {
          for (String k : w.args().keySet()) {
            if (!RESOURCES_KEYS.contains(k)) {
              throw new CellflowException("--with resources:" + k + "=...: unknown key '" + k
                  + "'; resources takes " + RESOURCES_KEYS);
            }
          }
          res = res.max(written(w, "--with resources", step));
        }
        case "batch" -> {
          BatchArgs.checkKeys(w);
          if (b == null) { // the code's own @Batch wins over the command line
            backend = "batch";
            res = res.max(written(w, "--with batch", step));
            backendArgs = BatchArgs.withoutSizes(w.args());
          }
        }
        default -> throw new CellflowException("--with " + w.name() + ": unknown decorator '"
            + w.name() + "'; known: resources, batch");
      }
    }
    Parallel par = m.getAnnotation(Parallel.class);
    if (par != null) {
      backendArgs = BatchArgs.withNodes(par, backend, step, backendArgs);
    }
    int retries = 0;
    long delay = 0;
    Retry retry = m.getAnnotation(Retry.class);
    if (retry != null) {
      if (retry.times() < 0 || retry.times() > 4) {
        throw new CellflowException("step '" + step + "': @Retry(times = " + retry.times()
            + ") must be 0 to 4");
      }
      if (retry.minutesBetweenRetries() < 0) {
        throw new CellflowException("step '" + step + "': @Retry(minutesBetweenRetries = "
            + retry.minutesBetweenRetries() + ") must be 0 or more");
      }
      retries = retry.times();
      delay = retry.minutesBetweenRetries() * 60L;
    }
    long timeout = 0;
    Timeout t = m.getAnnotation(Timeout.class);
    if (t != null) {
      timeout = t.seconds() + 60L * t.minutes() + 3600L * t.hours();
      if (t.seconds() < 0 || t.minutes() < 0 || t.hours() < 0 || timeout == 0) {
        throw new CellflowException("step '" + step + "': @Timeout(seconds = " + t.seconds()
            + ", minutes = " + t.minutes() + ", hours = " + t.hours() + ") must add up to more"
            + " than 0, with no part negative");
      }
    }
    Catch c = m.getAnnotation(Catch.class);
    return new StepPlan(step, backend, res.orDefaults(), retries, delay, timeout,
        c == null ? null : c.var(), backendArgs);
  }

  /** The sizes {@code w} gives (0 for a key it leaves out), checked; {@code source} names it. */
  private static StepResources written(WithSpec w, String source, String step) {
    StepResources given = new StepResources(w.intArg("cpu", 1), w.intArg("memory", 1),
        w.intArg("gpu", 0)).checked(source, step);
    return new StepResources(w.args().containsKey("cpu") ? given.cpu() : 0,
        w.args().containsKey("memory") ? given.memory() : 0, given.gpu());
  }
}
