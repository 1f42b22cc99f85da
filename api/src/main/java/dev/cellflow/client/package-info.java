/**
 * API: the Client API, past runs read from the datastore. A flow by name leads to its runs
 * (latest, latest successful, by id, by tag, by user), a run to its steps, a step to its tasks,
 * a task to its artifacts, whose values load only when asked for, and to its output. Statuses
 * are {@link dev.cellflow.RunStatus} and {@link dev.cellflow.TaskStatus}.
 *
 * <pre>{@code
 * Run run = Flow.named("BigSum").latestSuccessfulRun().orElseThrow();
 * double sum = run.step("start").task().artifact("sum").value();
 * }</pre>
 *
 * <p>Values of a flow's own classes are read back when the flow is opened by its class, {@code
 * Flow.of(MyFlow.class)}; what a datastore holds never widens what is deserialized (see
 * docs/datastore.md, "What is read back").
 */
package dev.cellflow.client;
