package dev.cellflow.datastore;

import dev.cellflow.CellflowException;

/**
 * A run or task record ({@code _run.json}, {@code task.json}, {@code result.json}) that is
 * empty, not JSON, or without what every such record has. The message names the file.
 */
public final class DamagedRecordException extends CellflowException {
  /** An error about the record {@code file}, which is damaged for {@code problem}. */
  public DamagedRecordException(String file, String problem, Throwable cause) {
    super(file + " is damaged (" + problem.replaceAll("\\s*\\R\\s*", " ") + "); restore it from"
        + " a copy of the datastore, or delete its run's folder", cause);
  }
}
