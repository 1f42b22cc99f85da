package dev.cellflow.internal.runtime;

import dev.cellflow.internal.decorator.FailedAttempt;
import dev.cellflow.internal.decorator.Recovery;
import dev.cellflow.internal.decorator.StepDecorator;
import dev.cellflow.internal.decorator.StepHook;
import dev.cellflow.internal.decorator.StepPlan;
import dev.cellflow.internal.decorator.WithSpec;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;

/**
 * A step decorator the runtime does not know, added only through the SPI (this test tree's
 * {@code META-INF/services}): {@code @Lenient(seconds)} or {@code --with lenient:seconds=N}
 * gives a step a timeout, runs a failed task once more at once, and then lets the flow go on
 * with an {@code excuse} artifact saying what failed.
 */
public final class LenientDecorator implements StepDecorator {
  /** The decorator's data. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  public @interface Lenient {
    /** The timeout. */
    int seconds() default 30;
  }

  @Override
  public String name() {
    return "lenient";
  }

  @Override
  public boolean takesWith() {
    return true;
  }

  @Override
  public int order() {
    return 2; // after the built-ins, so messages listing the --with names start as before
  }

  @Override
  public StepHook plan(StepPlan.Builder plan, List<WithSpec> withs) {
    Lenient l = plan.method().getAnnotation(Lenient.class);
    if (l == null && withs.isEmpty()) {
      return null;
    }
    plan.timeoutSeconds(l != null ? l.seconds() : withs.get(withs.size() - 1).intArg("seconds", 30));
    return new StepHook() {
      @Override
      public Recovery failed(FailedAttempt a) {
        return a.attempt() == 0 ? new Recovery.Retry(0, 2)
            : new Recovery.Pass(Map.of("excuse", a.pathspec() + ": " + a.error()));
      }
    };
  }
}
