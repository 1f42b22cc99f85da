package dev.cellflow.internal.datastore;

import dev.cellflow.CellflowException;
import dev.cellflow.card.Card;
import dev.cellflow.internal.metadata.CardFile;
import dev.cellflow.compute.RunStore;
import dev.cellflow.datastore.DamagedArtifactException;
import dev.cellflow.datastore.DamagedRecordException;
import dev.cellflow.datastore.Storage;
import dev.cellflow.internal.metadata.ArtifactRef;
import dev.cellflow.internal.metadata.Json;
import dev.cellflow.internal.metadata.RunMeta;
import dev.cellflow.internal.metadata.TaskMeta;
import dev.cellflow.internal.metadata.TaskResult;
import dev.cellflow.internal.serialize.PrimitiveArrays;
import dev.cellflow.internal.serialize.Serializers;
import dev.cellflow.serialize.ArtifactSerializer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * One flow's part of a datastore: content-addressed artifacts under {@code FLOW/data/}, and per
 * run {@code FLOW/RUN/_run.json}, per task {@code FLOW/RUN/STEP/TASK/task.json}, {@code
 * result.json} and logs. See {@code docs/datastore.md}.
 */
public final class FlowDatastore implements RunStore {
  private final Storage storage;
  private final String flow;

  /** The part of {@code storage} that belongs to {@code flow}. */
  public FlowDatastore(Storage storage, String flow) {
    this.storage = storage;
    this.flow = flow;
  }

  /** The underlying storage. */
  @Override
  public Storage storage() {
    return storage;
  }

  /** The flow's name. */
  @Override
  public String flow() {
    return flow;
  }

  // ---- runs ----

  /** Claims the next run id and stores {@code run} under it; concurrent callers get distinct ids. */
  public RunMeta newRun(RunMeta run) throws IOException {
    int id = runIds().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    while (!storage.createExclusive(flow + "/" + id + "/_claim", new byte[0])) {
      id++;
    }
    RunMeta mine = run.withId(id);
    saveRun(mine);
    return mine;
  }

  /** Stores {@code run}'s record, replacing the previous one. */
  public void saveRun(RunMeta run) throws IOException {
    storage.put(flow + "/" + run.runId() + "/_run.json", Json.write(run));
  }

  /** The record of run {@code id}; an error naming the run when it does not exist. */
  public RunMeta run(int id) throws IOException {
    String key = flow + "/" + id + "/_run.json";
    if (!storage.exists(key)) {
      throw new CellflowException("run " + flow + "/" + id + " does not exist in the datastore at "
          + storage.root() + "; its runs are " + runIds());
    }
    return record(key, storage.read(key), RunMeta.class);
  }

  /** The ids of this flow's runs, ascending. */
  public List<Integer> runIds() throws IOException {
    List<Integer> out = new ArrayList<>();
    for (String name : storage.list(flow)) {
      if (name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
        out.add(Integer.parseInt(name));
      }
    }
    out.sort(null);
    return out;
  }

  // ---- tasks ----

  private String taskKey(int run, String step, int task) {
    return flow + "/" + run + "/" + step + "/" + task;
  }

  /** Stores a task's record. */
  public void saveTask(int run, TaskMeta meta) throws IOException {
    storage.put(taskKey(run, meta.step(), meta.task()) + "/task.json", Json.write(meta));
  }

  /** A task's record, or null if it has none yet. */
  public TaskMeta task(int run, String step, int task) throws IOException {
    String key = taskKey(run, step, task) + "/task.json";
    try (InputStream in = storage.read(key)) {
      return record(key, in, TaskMeta.class); // one request where asking first would be two
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Stores what a task left; written last, so a task with a result has all its artifacts. */
  public void saveResult(int run, String step, int task, TaskResult result) throws IOException {
    storage.put(taskKey(run, step, task) + "/result.json", Json.write(result));
  }

  /** What a task left; an error naming the task when it has no result. */
  public TaskResult result(int run, String step, int task) throws IOException {
    String key = taskKey(run, step, task) + "/result.json";
    try (InputStream in = storage.read(key)) {
      return record(key, in, TaskResult.class);
    } catch (NoSuchFileException e) {
      throw new CellflowException("task " + flow + "/" + run + "/" + step + "/" + task
          + " has no stored result (it did not succeed)", e);
    }
  }

  /**
   * Stores a task's cards ({@code cards.json}, see {@link CardFile}), if it has any; written
   * before its result, so a task with a result has its cards.
   */
  public void saveCards(int run, String step, int task, List<Card> cards) throws IOException {
    if (!cards.isEmpty()) {
      storage.put(taskKey(run, step, task) + "/cards.json", CardFile.write(cards));
    }
  }

  /**
   * A task's cards; none when it has no {@code cards.json} (it attached none, or its run is
   * older than cards). Damaged cards are a {@link DamagedRecordException} naming the file.
   */
  public List<Card> cards(int run, String step, int task) throws IOException {
    String key = taskKey(run, step, task) + "/cards.json";
    try (InputStream in = storage.read(key)) {
      return CardFile.read(in);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new DamagedRecordException(file(key), "not JSON of cards: "
          + e.getOriginalMessage(), e);
    }
  }

  /** The steps that have tasks in run {@code run}. */
  public List<String> steps(int run) throws IOException {
    return storage.list(flow + "/" + run).stream().filter(s -> !s.startsWith("_")).toList();
  }

  /** The task ids of {@code step} in {@code run}, ascending. */
  public List<Integer> tasks(int run, String step) throws IOException {
    List<Integer> out = new ArrayList<>();
    for (String s : storage.list(flow + "/" + run + "/" + step)) {
      out.add(Integer.parseInt(s));
    }
    out.sort(null);
    return out;
  }

  /** Where the object under {@code key} is, for messages: a path or an s3:// URL. */
  String file(String key) {
    String root = storage.root();
    return root.endsWith("/") ? root + key : root + "/" + key;
  }

  /**
   * The record under {@code key}, read from {@code in}; a {@link DamagedRecordException} naming
   * the file when it is empty, not JSON, or lacks what every record of its kind has.
   */
  private <T> T record(String key, InputStream in, Class<T> type) throws IOException {
    T value;
    try {
      value = Json.read(in, type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new DamagedRecordException(file(key),
          e.getOriginalMessage().startsWith("no JSON value") ? "it is empty"
              : "not JSON of a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    } catch (RuntimeException e) {
      throw new DamagedRecordException(file(key), e.toString(), e);
    }
    String missing = value instanceof RunMeta r
        ? (r.flowClass() == null ? "flowClass" : r.status() == null ? "status" : null)
        : value instanceof TaskMeta t
        ? (t.step() == null ? "step" : t.status() == null ? "status" : null)
        : value instanceof TaskResult t
        ? (t.next() == null ? "next" : t.artifacts() == null ? "artifacts" : null)
        : null;
    if (value == null || missing != null) {
      throw new DamagedRecordException(file(key), value == null ? "it is empty"
          : "it has no '" + missing + "'", null);
    }
    return value;
  }

  // ---- logs ----

  /** The key of an attempt's {@code stdout} or {@code stderr} log. */
  @Override
  public String logKey(int run, String step, int task, int attempt, String stream) {
    return taskKey(run, step, task) + "/" + stream + (attempt > 0 ? "." + attempt : "") + ".log";
  }

  /** An attempt's log as text, or "" when it has none. */
  public String log(int run, String step, int task, int attempt, String stream)
      throws IOException {
    String key = logKey(run, step, task, attempt, stream);
    if (!storage.exists(key)) {
      return "";
    }
    try (InputStream in = storage.read(key)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  // ---- artifacts ----

  /**
   * Stores {@code value} under the SHA-256 of its stored bytes (serialized, then compressed when
   * that pays: see {@link Codec}). Bytes already stored are not stored again, and stored bytes
   * never change, unless a local file under their key is found damaged when they are stored
   * again: then it is rewritten whole ({@link SpillingOutput#commit}). Small values are hashed in memory first, so an artifact that did not change
   * costs no write at all; large ones stream to a staged object while a second thread hashes.
   *
   * @throws NotStorableException when no serializer accepts the value or writing it fails
   */
  public ArtifactRef putArtifact(Object value) throws IOException {
    if (value == null) {
      return new ArtifactRef(null, "null", "null", 0);
    }
    ArtifactSerializer ser = Serializers.forValue(value);
    if (ser == null) {
      throw new NotStorableException(Serializers.whyNot(value));
    }
    try (SpillingOutput out = new SpillingOutput(storage)) {
      try {
        OutputStream encoded = Codec.encoder(out);
        ser.write(value, encoded);
        encoded.close();
      } catch (java.io.NotSerializableException e) {
        throw new NotStorableException(e.getMessage() + " is not Serializable");
      } catch (RuntimeException e) {
        throw new NotStorableException(e.toString());
      }
      String hex = out.finish();
      String key = flow + "/data/" + hex.substring(0, 2) + "/" + hex;
      out.commit(key);
      return new ArtifactRef(key, ser.id(), value.getClass().getName(), out.size(),
          out.checksum());
    }
  }

  /** Loads an artifact's value, verified; classes resolve through {@code loader}. */
  public Object getArtifact(ArtifactRef ref, ClassLoader loader) throws IOException {
    return getArtifact(ref, loader, null, null);
  }

  /**
   * Loads an artifact's value; classes resolve through {@code loader}. Every byte read is
   * verified against the checksum in {@code ref} (see {@link ArtifactCheck}), as it is read;
   * stored bytes that are not the ones written give a {@link DamagedArtifactException} that
   * names the artifact ({@code name}, when known), its task ({@code task}, FLOW/RUN/STEP/ID, when
   * known) and its file.
   */
  public Object getArtifact(ArtifactRef ref, ClassLoader loader, String name, String task)
      throws IOException {
    if (ref.key() == null) {
      return null;
    }
    try {
      return read(ref, loader);
    } catch (NoSuchFileException e) {
      throw new DamagedArtifactException(describe(ref, name, task), "its file is missing");
    } catch (ArtifactCheck.Mismatch e) {
      throw new DamagedArtifactException(describe(ref, name, task), e.getMessage());
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      // damaged bytes make decoders fail in many ways (EOF, "unknown codec", a huge length, a
      // class name the allow-list refuses): read the stored bytes once more to tell damage from
      // other failures
      String problem = problem(ref);
      if (problem != null) {
        throw new DamagedArtifactException(describe(ref, name, task), problem);
      }
      if (e instanceof IOException io) {
        throw new CellflowException("cannot read " + describe(ref, name, task) + ": " + io, io);
      }
      throw e;
    }
  }

  /** "artifact 'x' of task F/1/start/1 (file ROOT/KEY)", leaving out what is not known. */
  private String describe(ArtifactRef ref, String name, String task) {
    return (name == null ? "an artifact" : "artifact '" + name + "'")
        + (task == null ? "" : " of task " + task)
        + " (file " + file(ref.key()) + ")";
  }

  private Object read(ArtifactRef ref, ClassLoader loader) throws IOException {
    ArtifactSerializer ser = Serializers.byId(ref.serializer());
    ArtifactCheck check = new ArtifactCheck(ref);
    if (ref.serializer().equals("prim") && ref.size() > (64 << 20) && ref.checksum() != null) {
      try (java.nio.channels.FileChannel ch = storage.channel(ref.key())) {
        PrimitiveArrays.Read v = ch == null ? null : PrimitiveArrays.readUncompressed(ch);
        if (v != null) {
          // raw, uncompressed, local: read in parallel straight into the array, checksummed
          // by the reading threads
          String crc = ArtifactCheck.checksum(Integer.toUnsignedLong(v.crc32c()));
          String p = v.length() == ch.size() ? check.problem(v.length(), crc)
              : problem(ref); // the array ends before the file does: find out why
          if (p != null) {
            throw new ArtifactCheck.Mismatch(p);
          }
          return v.value();
        }
      }
    }
    InputStream source;
    if (ref.size() <= SmallObjects.MAX) {
      // a join reads its inputs' shared artifacts once per input: keep the bytes, not a value
      source = new java.io.ByteArrayInputStream(SmallObjects.bytes(storage, ref.key(), check));
      check = null; // verified as they were read
    } else {
      InputStream raw = new CheckedInput(storage.read(ref.key()), check);
      // a large artifact is read ahead on another thread while this one decodes it (and the
      // checksum is computed there too)
      source = ref.size() > (8 << 20) ? new Prefetch(raw) : new BufferedInputStream(raw, 1 << 16);
    }
    try (source; InputStream in = Codec.decoder(source)) {
      Object value = ser.read(in, loader);
      if (check != null) {
        CheckedInput.drainAndVerify(source, check); // what the decoder left must be checked too
      }
      return value;
    }
  }

  /**
   * What is wrong with an artifact's stored bytes, read once more; null when nothing is, or
   * when they cannot be read now (an outage is not damage).
   */
  private String problem(ArtifactRef ref) {
    ArtifactCheck check = new ArtifactCheck(ref);
    try (InputStream in = new CheckedInput(storage.read(ref.key()), check)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return check.problem();
    } catch (NoSuchFileException e) {
      return "its file is missing";
    } catch (IOException e) {
      return null;
    }
  }

  /** A value that cannot be stored; the message says why (the caller adds field and step). */
  public static final class NotStorableException extends IOException {
    NotStorableException(String why) {
      super(why);
    }
  }
}
