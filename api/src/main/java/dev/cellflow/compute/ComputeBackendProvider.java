package dev.cellflow.compute;


/**
 * Makes a {@link ComputeBackend}. Found by {@link java.util.ServiceLoader} under {@code
 * META-INF/services/dev.cellflow.compute.ComputeBackendProvider}; the name is what {@code @Batch}
 * and {@code --with NAME} select.
 */
public interface ComputeBackendProvider {
  /** The backend's name ({@code local}, {@code batch}). */
  String name();

  /** A backend for one run. */
  ComputeBackend open(RunContext run);

  /**
   * A run of {@code flowClass} on {@code classpath} is starting, and its start step, asking
   * for {@code start}, runs on this backend. Called as the command line is read, before the run
   * (and its backend) exists, so that what the step needs can start early: the local backend
   * boots the step's task process, which the backend {@link #open} makes in this JVM then takes.
   * Anything it starts must end on its own if no run takes it. The default does nothing.
   */
  default void bootEarly(String classpath, String flowClass, StepResources start) {}
}
