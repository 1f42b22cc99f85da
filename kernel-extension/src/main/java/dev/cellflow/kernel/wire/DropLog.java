package dev.cellflow.kernel.wire;

import java.io.PrintStream;

/**
 * One line on the kernel's own stderr (the Jupyter server's log) for each message dropped, up
 * to a limit, so that a flood of bad messages cannot fill the log. The stream is the one the
 * kernel started with: while a cell runs, {@code System.err} is that cell's output.
 */
final class DropLog {
  /** Lines written before the log says it stops. */
  static final int LIMIT = 100;

  private final PrintStream err;
  private int lines;

  DropLog(PrintStream err) {
    this.err = err;
  }

  /** Logs a message dropped on {@code channel} because of {@code problem}. */
  synchronized void dropped(String channel, String problem) {
    line("cellflow kernel: dropped a message on the " + channel + " channel: " + problem);
  }

  /** Logs a handler's failure on a message of {@code type}. */
  synchronized void failed(String channel, String type, RuntimeException e) {
    line("cellflow kernel: " + type + " on the " + channel + " channel failed: " + e);
  }

  private void line(String text) {
    if (lines < LIMIT) {
      err.println(text);
    } else if (lines == LIMIT) {
      err.println("cellflow kernel: " + LIMIT + " messages logged; further ones are not");
    }
    lines++;
  }
}
