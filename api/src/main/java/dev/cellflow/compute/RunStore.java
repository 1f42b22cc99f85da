package dev.cellflow.compute;

import dev.cellflow.datastore.Storage;

/**
 * The run's datastore as a backend sees it: whose flow it is, the bytes below it, and where a
 * task's logs go. The runtime's datastore implements it; a backend needs no more of it.
 */
public interface RunStore {
  /** The flow's name, first in every key of its runs. */
  String flow();

  /** The bytes layer: where tasks' code packages, artifacts and logs are kept. */
  Storage storage();

  /** The key of an attempt's {@code stdout} or {@code stderr} log. */
  String logKey(int run, String step, int task, int attempt, String stream);
}
