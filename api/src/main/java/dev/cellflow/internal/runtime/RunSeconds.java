package dev.cellflow.internal.runtime;

/** How long a run took, as its last line prints it. */
public final class RunSeconds {
  private RunSeconds() {}

  /**
   * {@code ms} as seconds with two decimals, as {@code %.2f} in an English locale would print
   * them. Not printf: its formatter and locale data cost a short run's JVM about 15 ms, at the
   * very end, when the user waits for the prompt.
   */
  public static String of(long ms) {
    long centis = Math.round(ms / 10.0);
    long frac = Math.abs(centis % 100);
    return (centis < 0 ? "-" : "") + Math.abs(centis / 100) + (frac < 10 ? ".0" : ".") + frac;
  }
}
