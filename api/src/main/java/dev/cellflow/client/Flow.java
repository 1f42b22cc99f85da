package dev.cellflow.client;

import dev.cellflow.CellflowException;
import dev.cellflow.datastore.DamagedRecordException;
import dev.cellflow.datastore.Storage;
import dev.cellflow.internal.config.Config;
import dev.cellflow.internal.datastore.Datastores;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.metadata.RunMeta;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A flow's past runs in a datastore. */
public final class Flow implements ClientObject {
  private final FlowDatastore ds;

  private Flow(FlowDatastore ds) {
    this.ds = ds;
  }

  /** The flow named {@code name} in the datastore the configuration names. */
  public static Flow named(String name) {
    Config c = Config.load();
    return in(Datastores.open(c.datastore(), c.datastoreRoot()), name);
  }

  /**
   * The flow {@code flowClass}, in the datastore the configuration names. Unlike {@link #named},
   * it lets the values of the flow's own classes (its package's records, enums and Serializable
   * types) be read back: the caller names the class in code, so the datastore cannot widen what
   * is deserialized. Other packages: {@code CELLFLOW_SERIALIZATION_ALLOW}.
   */
  public static Flow of(Class<? extends dev.cellflow.FlowSpec> flowClass) {
    dev.cellflow.internal.serialize.AllowList.trustFlow(flowClass);
    return named(flowClass.getSimpleName());
  }

  /**
   * The flow named {@code name} in the datastore whose bytes are {@code storage}: a datastore the
   * configuration does not name (another S3 prefix, a copied folder).
   */
  public static Flow in(Storage storage, String name) {
    return new Flow(new FlowDatastore(storage, name));
  }

  /** The flow's name. */
  public String name() {
    return ds.flow();
  }

  @Override
  public String pathspec() {
    return ds.flow();
  }

  /** Every run whose record can be read, newest first (see {@link #damagedRuns}). */
  public List<Run> runs() {
    List<Run> out = new ArrayList<>();
    scan((id, meta) -> out.add(new Run(ds, meta)), (id, e) -> { });
    return out;
  }

  /**
   * The runs whose record ({@code _run.json}) is damaged, newest first, each with the one-line
   * error that names the file; {@link #runs} leaves them out, so one damaged run does not hide
   * the others.
   */
  public Map<Integer, String> damagedRuns() {
    Map<Integer, String> out = new LinkedHashMap<>();
    scan((id, meta) -> { }, (id, e) -> out.put(id, e.getMessage()));
    return out;
  }

  private void scan(java.util.function.BiConsumer<Integer, RunMeta> readable,
      java.util.function.BiConsumer<Integer, DamagedRecordException> damaged) {
    try {
      List<Integer> ids = new ArrayList<>(ds.runIds());
      Collections.reverse(ids);
      for (int id : ids) {
        if (ds.storage().exists(ds.flow() + "/" + id + "/_run.json")) {
          try {
            readable.accept(id, ds.run(id));
          } catch (DamagedRecordException e) {
            damaged.accept(id, e);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The runs started by {@code user}, newest first. */
  public List<Run> runsBy(String user) {
    return runs().stream().filter(r -> r.user().equals(user)).toList();
  }

  /** The runs tagged {@code tag}, newest first. */
  public List<Run> runsTagged(String tag) {
    return runs().stream().filter(r -> r.tags().contains(tag)).toList();
  }

  /** The newest run, if any. */
  public Optional<Run> latestRun() {
    return runs().stream().findFirst();
  }

  /** The newest run that succeeded, if any. */
  public Optional<Run> latestSuccessfulRun() {
    return runs().stream().filter(Run::successful).findFirst();
  }

  /** Run {@code id}; an error naming the runs there are when it does not exist. */
  public Run run(int id) {
    try {
      return new Run(ds, ds.run(id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (CellflowException e) {
      throw e;
    }
  }

  @Override
  public String toString() {
    return "Flow(" + name() + ")";
  }
}
