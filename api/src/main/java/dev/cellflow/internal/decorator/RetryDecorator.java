package dev.cellflow.internal.decorator;

import dev.cellflow.CellflowException;
import dev.cellflow.Retry;
import java.util.List;

/**
 * {@code @Retry(times, minutesBetweenRetries)}: a failed attempt of the step's task runs again,
 * after the wait, while attempts are left, unless it was ended on purpose.
 */
public final class RetryDecorator implements StepDecorator {
  @Override
  public String name() {
    return "retry";
  }

  @Override
  public StepHook plan(StepPlan.Builder plan, List<WithSpec> withs) {
    Retry retry = plan.method().getAnnotation(Retry.class);
    if (retry == null) {
      return null;
    }
    String step = plan.step();
    if (retry.times() < 0 || retry.times() > 4) {
      throw new CellflowException("step '" + step + "': @Retry(times = " + retry.times()
          + ") must be 0 to 4");
    }
    if (retry.minutesBetweenRetries() < 0) {
      throw new CellflowException("step '" + step + "': @Retry(minutesBetweenRetries = "
          + retry.minutesBetweenRetries() + ") must be 0 or more");
    }
    int times = retry.times();
    Recovery.Retry again = new Recovery.Retry(retry.minutesBetweenRetries() * 60L, times + 1);
    return new StepHook() {
      @Override
      public Recovery failed(FailedAttempt a) {
        return a.attempt() < times && !a.killed() ? again : null;
      }
    };
  }
}
