package dev.cellflow;

import dev.cellflow.card.Cards;
import java.io.Serializable;

/**
 * The service provider interface through which this package reaches the runtime that runs
 * flows. {@link FlowSpec#main} hands its command line to the engine, and the calls a step makes
 * ({@code next}, {@code foreach}, {@code input()}, {@link Current#get()}) reach the step the
 * engine is running. The engine is found once, by {@link java.util.ServiceLoader} ({@code
 * META-INF/services/dev.cellflow.FlowEngine}), the way JUnit's platform finds its test engines;
 * the system property {@code dev.cellflow.FlowEngine}, naming its class, comes first (as for
 * the JDK's own providers), so that a JVM the runtime starts need not read a service file.
 *
 * <p>Why a seam: this package is what flow code imports, and it depends on no runtime package
 * (command line, scheduler, task runner, datastore), so that those can change behind it and the
 * API reads on its own. cellflow provides the one implementation; flow code never calls it.
 */
public interface FlowEngine {
  /** Runs the command line ({@code run}, {@code resume}, {@code show}, ...) for {@code flow}. */
  int main(Class<? extends FlowSpec> flow, String[] args);

  /** The step this process is running now, or null when it runs none. */
  RunningStep running();

  /** A running step, as the calls in its code see it. */
  interface RunningStep {
    /** The task: flow, run, step, task, attempt, datastore. */
    Current current();

    /** The cards the step attaches. */
    Cards cards();

    /** Records a transition: {@code next(...)}, or with a field, {@code foreach(...)}. */
    void transition(String foreachField, Serializable... targets);

    /** The foreach element; an error naming the step outside a foreach. */
    Object input();

    /** The foreach index; an error naming the step outside a foreach. */
    int index();
  }
}
