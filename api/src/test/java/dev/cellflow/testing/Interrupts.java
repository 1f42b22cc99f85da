package dev.cellflow.testing;

import java.util.function.Consumer;

/** Interrupting work at a chosen moment, for tests of what an interrupt must not break. */
public final class Interrupts {
  private Interrupts() {}

  /**
   * Runs {@code work} on a new thread, sends that thread an interrupt through {@code
   * interrupter} after {@code delayMs}, and waits for it to end.
   *
   * @return whether an interrupt sent before {@code work} ended no longer showed on its thread
   *     after it (an interrupt sent after shows anyway)
   */
  public static boolean lostWhile(Runnable work, long delayMs, Consumer<Thread> interrupter)
      throws InterruptedException {
    Object lock = new Object();
    boolean[] sent = {false};
    boolean[] lost = {false};
    Thread t = new Thread(() -> {
      work.run();
      synchronized (lock) { // sent: the interrupt came before this point, so it must show
        lost[0] = sent[0] && !Thread.currentThread().isInterrupted();
      }
    });
    t.start();
    Thread.sleep(delayMs);
    synchronized (lock) {
      sent[0] = true;
      interrupter.accept(t);
    }
    t.join();
    return lost[0];
  }
}
