/**
 * Whether a run's runtime is still there. While it runs, a runtime holds a {@link
 * dev.cellflow.internal.liveness.Lease}: a heartbeat written to the datastore every few seconds. A reader
 * ({@code runs}, the Client API, {@code resume}) asks {@link dev.cellflow.internal.liveness.Liveness},
 * which tells a run recorded as running whose runtime is gone (killed with {@code kill -9},
 * crashed, its machine lost) from one that goes on: through the process itself where the
 * reader shares the runtime's machine, else through the heartbeat's age, which works the same
 * on a local disk and on S3.
 */
package dev.cellflow.internal.liveness;
