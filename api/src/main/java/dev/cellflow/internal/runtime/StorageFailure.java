package dev.cellflow.internal.runtime;

import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.metadata.RunMeta;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A failure of the datastore under the runtime: a full disk, or S3 unreachable once its client's
 * retries with back-off are spent. The run cannot go on; the user gets one line (the failure's
 * own message, which names the object, and how to finish the run once storage works again), and
 * the full trace goes to a file in the temporary folder that the line names.
 */
final class StorageFailure {
  private StorageFailure() {}

  /** The failure {@code e} of run {@code run} of {@code ds}, for the run's last line. */
  static String describe(Exception e, FlowDatastore ds, int run) {
    Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
    String what = t.getMessage() != null ? t.getMessage() : t.toString();
    String root = ds.storage().root();
    return what + (what.contains(root) ? "" : " (datastore " + root + ")")
        + "; the run's tasks were ended; once the datastore works again, finish the run with:"
        + " resume --origin-run-id " + run + trace(t, ds.flow(), run);
  }

  /** " (full trace: FILE)", or "" when not even that file can be written. */
  private static String trace(Throwable t, String flow, int run) {
    try {
      Path file = Files.createTempFile("cellflow-" + flow + "-" + run + "-", ".trace.txt");
      boolean written;
      try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
        t.printStackTrace(w);
        written = !w.checkError();
      }
      if (!written) {
        Files.deleteIfExists(file);
        return "";
      }
      return " (full trace: " + file + ")";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** Records the run's end; "" when it could, else the words to add to the run's last line. */
  static String saveRun(FlowDatastore ds, RunMeta done) {
    try {
      ds.saveRun(done);
      return "";
    } catch (IOException | UncheckedIOException e) {
      return "; the run's record could not be updated either (" + e.getMessage() + "): it"
          + " still says running";
    }
  }
}
