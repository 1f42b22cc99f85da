package dev.cellflow.internal.metadata;

/**
 * What a run's runtime writes every few seconds while it runs ({@code FLOW/RUN/_heartbeat.json}),
 * so that a reader anywhere can tell a run that is going on from one whose runtime is gone.
 *
 * @param host the runtime's host name, for messages
 * @param machine where pids mean the same (on Linux the boot id and pid namespace), or null
 *     where that cannot be told; a reader with the same value can check the process itself
 * @param pid the runtime's process id
 * @param processStart when that process started, in the machine's own terms (clock ticks since
 *     boot on Linux): a process that later gets the same pid has another start
 * @param at when it was written, epoch milliseconds on the runtime's clock
 * @param everyMs how often the runtime writes it
 */
public record Heartbeat(String host, String machine, long pid, long processStart, long at,
    long everyMs) {}
