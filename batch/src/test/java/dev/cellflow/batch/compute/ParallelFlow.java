package dev.cellflow.batch.compute;

import dev.cellflow.Batch;
import dev.cellflow.Current;
import dev.cellflow.FlowSpec;
import dev.cellflow.Parallel;
import dev.cellflow.ParallelNode;
import dev.cellflow.Parameter;
import dev.cellflow.Step;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A multi-node step whose nodes meet as a distributed job's would: the main node listens on
 * {@code --port}, every other node connects to the main node's address, says its index and
 * ends without a transition (only the main node's is the step's).
 */
public class ParallelFlow extends FlowSpec {
  @Parameter(help = "the port the main node listens on")
  int port = 0;

  int index = -1;
  int nodes;
  List<Integer> heard = new ArrayList<>();
  String jobId;

  @Step public void start() {
    next(this::train);
  }

  @Batch(queue = "default", memory = 6000)
  @Parallel(nodes = 3)
  @Step public void train() throws Exception {
    ParallelNode node = Current.get().parallel();
    index = node.index();
    nodes = node.count();
    jobId = System.getenv("AWS_BATCH_JOB_ID");
    if (node.main()) {
      try (ServerSocket server = new ServerSocket(port)) {
        server.setSoTimeout(120_000);
        for (int i = 1; i < nodes; i++) {
          try (Socket s = server.accept(); BufferedReader r = new BufferedReader(
              new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
            heard.add(Integer.parseInt(r.readLine()));
          }
        }
      }
      Collections.sort(heard);
      System.out.println("main node heard from nodes " + heard);
    } else {
      for (int tries = 0; ; tries++) { // the main node may not listen yet
        try (Socket s = new Socket(node.mainAddress(), port);
            PrintWriter w = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)) {
          w.println(index);
          System.out.println("node " + index + " of " + nodes + " reached the main node at "
              + node.mainAddress());
          return; // only the main node's transition counts: the others need none
        } catch (java.net.ConnectException e) {
          if (tries > 600) {
            throw e;
          }
          Thread.sleep(200);
        }
      }
    }
    next(this::end);
  }

  @Step public void end() {
    System.out.println("train ran on " + nodes + " nodes; main heard " + heard);
  }

  public static void main(String[] args) {
    FlowSpec.main(ParallelFlow.class, args);
  }
}
