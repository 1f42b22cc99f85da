package dev.cellflow.internal.decorator;

import dev.cellflow.CellflowException;
import dev.cellflow.Parallel;
import dev.cellflow.Resources;
import dev.cellflow.Retry;
import dev.cellflow.Timeout;
import dev.cellflow.compute.StepResources;
import dev.cellflow.FlowSpec;
import dev.cellflow.internal.graph.StepNode;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where and with what a step runs, as its decorators ({@link StepDecorator}s: its annotations
 * and the {@code --with} options) planned it.
 *
 * @param step the step
 * @param backend the compute backend's name ({@code local}, {@code batch})
 * @param resources what it asks for
 * @param timeoutSeconds when to end a task ({@code @Timeout}), 0 for never
 * @param backendArgs the backend's own arguments as text ({@code queue}, {@code image}, ...),
 *     from {@code @Batch} or else {@code --with batch:k=v}; sizes are in {@code resources}
 * @param hooks what its decorators do around its tasks ({@code @Retry}, {@code @Catch}, ...)
 */
public record StepPlan(String step, String backend, StepResources resources,
    long timeoutSeconds, Map<String, String> backendArgs, List<StepHook> hooks) {

  /** The plan for step method {@code m} under the {@code withs}. */
  public static StepPlan of(Method m, List<WithSpec> withs) {
    return Decorators.plan(m, withs);
  }

  /** Checks each of its decorators can apply to its step, {@code node} of {@code flow}. */
  public void check(Class<? extends FlowSpec> flow, StepNode node) {
    for (StepHook h : hooks) {
      h.check(flow, node);
    }
  }

  /**
   * What its decorators make of {@code attempt}, a failed attempt of one of its tasks: a retry
   * if one offers it, else the first pass; null when none takes it (the run fails).
   */
  public Recovery recovery(FailedAttempt attempt) {
    Recovery pass = null;
    for (StepHook h : hooks) {
      Recovery r = h.failed(attempt);
      if (r instanceof Recovery.Retry) {
        return r;
      }
      pass = pass == null ? r : pass;
    }
    return pass;
  }

  /** A plan being made: each decorator adds its part, in turn. */
  public static final class Builder {
    private final Method method;
    private String backend = "local";
    private String backendSource;
    // Metaflow's rule: each size is the larger of the values written for it (@Resources,
    // @Batch or --with batch, --with resources), and the default where none is written, so a
    // @Batch(memory = 1024) alone is not raised to @Resources' default
    private StepResources resources = StepResources.NONE;
    private long timeoutSeconds;
    private final Map<String, String> backendArgs = new LinkedHashMap<>();

    Builder(Method method) {
      this.method = method;
    }

    /** The step method, whose annotations the decorators read. */
    public Method method() {
      return method;
    }

    /** The step's name. */
    public String step() {
      return method.getName();
    }

    /** The backend planned so far ({@code local} until a decorator says otherwise). */
    public String backend() {
      return backend;
    }

    /**
     * Runs the step on {@code name}, as {@code source} (a decorator, {@code @Batch}, {@code
     * --with batch}) says; an error naming both when another source chose another backend.
     */
    public Builder runOn(String name, String source) {
      if (backendSource != null && !backend.equals(name)) {
        throw new CellflowException("step '" + step() + "': " + backendSource + " runs it on "
            + backend + " and " + source + " on " + name + "; keep one of them");
      }
      backend = name;
      backendSource = source;
      return this;
    }

    /** Asks for {@code written} (0 cores or 0 MB: not written): each size the larger one. */
    public Builder ask(StepResources written) {
      resources = resources.max(written);
      return this;
    }

    /** Ends a task after {@code seconds}. */
    public Builder timeoutSeconds(long seconds) {
      timeoutSeconds = seconds;
      return this;
    }

    /** Adds the backend's own arguments {@code args}, replacing any of the same keys. */
    public Builder backendArgs(Map<String, String> args) {
      backendArgs.putAll(args);
      return this;
    }

    StepPlan build(List<StepHook> hooks) {
      return new StepPlan(step(), backend, resources.orDefaults(), timeoutSeconds,
          Map.copyOf(backendArgs), List.copyOf(hooks));
    }
  }
}
