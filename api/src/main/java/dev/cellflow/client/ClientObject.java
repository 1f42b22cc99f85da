package dev.cellflow.client;

/** Something the Client API returns; each has a pathspec such as {@code BigSum/3/start/1}. */
public sealed interface ClientObject permits Flow, Run, Step, Task, Artifact {
  /** Where it is: {@code FLOW}, {@code FLOW/RUN}, {@code FLOW/RUN/STEP}, ... */
  String pathspec();
}
