package dev.cellflow.batch.container;

import dev.cellflow.internal.metadata.Json;
import dev.cellflow.internal.task.StepCommand;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a Batch job's container runs once its code is fetched: {@code step FLOWCLASS STEP RUN
 * TASK ...}, the task entry point every backend uses; the process exits with the task's code.
 * A flow needs no {@code main} of its own for this (a notebook's flow has none).
 */
public final class ContainerMain {
  /**
   * The last line a task process prints, after all its output: CloudWatch Logs delivers a
   * stream's events in order, so once the runtime has read this line it has the whole log and
   * need not wait for late events. A process that dies without it is drained by time instead.
   */
  public static final String END_OF_OUTPUT = "[cellflow] end of task output";

  private ContainerMain() {}

  /**
   * Runs the task that {@code args} describe and exits with its code. Without arguments, in a
   * child of an array job, the arguments are entry {@code AWS_BATCH_JOB_ARRAY_INDEX} of the JSON
   * list at {@code CELLFLOW_ARRAY_ARGS_URL}. The output ends with {@link #END_OF_OUTPUT}.
   */
  public static void main(String[] args) throws IOException {
    String url = System.getenv("CELLFLOW_ARRAY_ARGS_URL");
    if (args.length == 0 && url != null) {
      int index = Integer.parseInt(System.getenv("AWS_BATCH_JOB_ARRAY_INDEX"));
      try (InputStream in = URI.create(url).toURL().openStream()) {
        args = Json.mapper().readValue(in, String[][].class)[index];
      }
    }
    System.setErr(new PrintStream(new StderrMarking(new FileOutputStream(FileDescriptor.err)),
        true, StandardCharsets.UTF_8));
    if (args.length == 0 || !args[0].equals("step")) {
      System.err.println("usage: ContainerMain step FLOWCLASS STEP RUN TASK [options]");
      System.exit(2);
    }
    int code = StepCommand.run(Arrays.asList(args).subList(1, args.length));
    System.err.flush();
    System.out.println(END_OF_OUTPUT);
    System.out.flush();
    System.exit(code);
  }
}
