/**
 * What a run shows on the command line while it runs: the run's own lines, a summary line per
 * finished foreach, and, on a terminal, one live line per active step redrawn below the tasks'
 * output. Built on the runtime's {@link dev.cellflow.internal.runtime.RunListener}.
 */
package dev.cellflow.internal.progress;
