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
}
