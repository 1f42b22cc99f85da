package dev.cellflow.internal.decorator;

import dev.cellflow.CellflowException;
import dev.cellflow.Timeout;
import java.util.List;

/** {@code @Timeout}: the step's backend ends a task that runs longer ("timed out"). */
public final class TimeoutDecorator implements StepDecorator {
  @Override
  public String name() {
    return "timeout";
  }

  @Override
  public StepHook plan(StepPlan.Builder plan, List<WithSpec> withs) {
    Timeout t = plan.method().getAnnotation(Timeout.class);
    if (t == null) {
      return null;
    }
    long timeout = t.seconds() + 60L * t.minutes() + 3600L * t.hours();
    if (t.seconds() < 0 || t.minutes() < 0 || t.hours() < 0 || timeout == 0) {
      throw new CellflowException("step '" + plan.step() + "': @Timeout(seconds = "
          + t.seconds() + ", minutes = " + t.minutes() + ", hours = " + t.hours() + ") must add"
          + " up to more than 0, with no part negative");
    }
    plan.timeoutSeconds(timeout);
    return null;
  }
}
