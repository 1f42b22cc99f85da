package dev.cellflow.internal.progress;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The terminal a run's live lines are drawn on, below everything else the run prints. Every
 * line of output passes through here whole ({@link #stream}): the live lines are erased, the
 * line written, and the live lines drawn again, so output never lands in the middle of them
 * and they never land in the middle of a line. Drawing is ANSI: carriage return, cursor up,
 * erase to the end of the screen; each live line is cut to the terminal's width so that none
 * wraps (a wrapped line could not be erased).
 */
final class Terminal {
  private final PrintStream out;
  private final PrintStream err;
  private final boolean errHere;
  private final Charset charset = Charset.defaultCharset();
  private volatile int width = 80;
  private byte[] live = new byte[0];
  private int rows; // live rows on the screen now, the cursor at the end of the last

  /**
   * A terminal on {@code out}; {@code err} is written to it too (erasing first) when {@code
   * errHere}, i.e. it is the same terminal.
   */
  Terminal(PrintStream out, PrintStream err, boolean errHere) {
    this.out = out;
    this.err = err;
    this.errHere = errHere;
  }

  /**
   * Whether this process's standard output is a terminal. On Linux from the file it is open on
   * (a {@code /dev/pts/N} or {@code /dev/ttyN}), which holds in the runtime's relaunched copy
   * too, whose input is a pipe; elsewhere {@link System#console()} (input and output both
   * terminals). {@code fd} 1 is stdout, 2 stderr.
   */
  static boolean isTerminal(int fd) {
    Path link = Path.of("/proc/self/fd/" + fd);
    if (!Files.isDirectory(Path.of("/proc/self/fd"))) {
      return System.console() != null;
    }
    try {
      String to = Files.readSymbolicLink(link).toString();
      return to.startsWith("/dev/pts/") || to.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** Whether stdout and stderr are the same terminal. */
  static boolean sameTerminal() {
    try {
      return isTerminal(2) && Files.readSymbolicLink(Path.of("/proc/self/fd/1"))
          .equals(Files.readSymbolicLink(Path.of("/proc/self/fd/2")));
    } catch (IOException | UnsupportedOperationException e) {
      return System.console() != null; // no /proc: a console is both, as a rule
    }
  }

  /**
   * Reads the terminal's width: {@code COLUMNS}, else {@code stty size} on {@code /dev/tty},
   * else 80. Slow (a process): called on the live line's thread, not the run's.
   */
  void readWidth() {
    try {
      String cols = System.getenv("COLUMNS");
      if (cols != null && cols.matches("[1-9][0-9]{0,3}")) {
        width = Integer.parseInt(cols);
        return;
      }
      Process p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String[] rc = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
          .trim().split("\\s+");
      if (p.waitFor() == 0 && rc.length == 2 && rc[1].matches("[1-9][0-9]{0,3}")) {
        width = Integer.parseInt(rc[1]);
      }
    } catch (IOException | RuntimeException e) {
      // 80 it is
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A stream whose whole lines are written above the live lines ({@code toErr}: on stderr). */
  PrintStream stream(boolean toErr) {
    return new PrintStream(new Lines(toErr), true, charset);
  }

  /** Replaces the live lines with {@code lines} now (none: the live area is cleared). */
  synchronized void show(java.util.List<String> lines) {
    byte[] next = bytes(lines);
    if (java.util.Arrays.equals(next, live) && rows > 0) {
      return;
    }
    erase();
    live = next;
    rows = lines.size();
    out.write(live, 0, live.length);
    out.flush();
  }

  /**
   * Makes {@code lines} the live lines drawn after the next line of output, without drawing
   * them now: what a line about to be printed replaces (a finished step's summary, its live
   * line) goes at once rather than at the next redraw.
   */
  synchronized void set(java.util.List<String> lines) {
    live = bytes(lines);
  }

  private byte[] bytes(java.util.List<String> lines) {
    StringBuilder b = new StringBuilder();
    for (String l : lines) {
      b.append(b.length() > 0 ? "\n" : "").append(cut(l));
    }
    return b.toString().getBytes(charset);
  }

  private String cut(String line) {
    int max = Math.max(10, width - 1);
    return line.length() <= max ? line : line.substring(0, max - 3) + "...";
  }

  /**
   * Writes a whole line (or lines) of output above the live lines: on stdout as one write
   * (erase, the line, the live lines again), so a terminal never shows the line without them.
   */
  private synchronized void write(boolean toErr, byte[] b, int len) {
    if (toErr && !errHere) {
      err.write(b, 0, len);
      err.flush();
      return;
    }
    byte[] erase = erasing();
    if (toErr) {
      out.write(erase, 0, erase.length);
      out.flush();
      err.write(b, 0, len);
      err.flush();
      erase = new byte[0];
      len = 0;
    }
    byte[] all = new byte[erase.length + len + live.length];
    System.arraycopy(erase, 0, all, 0, erase.length);
    System.arraycopy(b, 0, all, erase.length, len);
    System.arraycopy(live, 0, all, erase.length + len, live.length);
    out.write(all, 0, all.length);
    out.flush();
    rows = live.length == 0 ? 0 : 1 + newlines(live);
  }

  private static int newlines(byte[] b) {
    int n = 0;
    for (byte x : b) {
      n += x == '\n' ? 1 : 0;
    }
    return n;
  }

  /** Erases the live lines, leaving the cursor where the first began. */
  private void erase() {
    byte[] b = erasing();
    if (b.length > 0) {
      out.write(b, 0, b.length);
      out.flush();
    }
  }

  /** What erases the live lines (nothing if none is shown); they count as erased from here. */
  private byte[] erasing() {
    if (rows == 0) {
      return new byte[0];
    }
    String up = rows > 1 ? "\033[" + (rows - 1) + "A" : "";
    rows = 0;
    return ("\r" + up + "\033[J").getBytes(StandardCharsets.US_ASCII);
  }

  /** Collects bytes into whole lines and writes each above the live lines. */
  private final class Lines extends OutputStream {
    private final boolean toErr;
    private byte[] buf = new byte[256];
    private int len;

    Lines(boolean toErr) {
      this.toErr = toErr;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int n) {
      if (len + n > buf.length) {
        buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
      }
      System.arraycopy(b, off, buf, len, n);
      len += n;
      int last = len - 1;
      while (last >= 0 && buf[last] != '\n') {
        last--;
      }
      if (last >= 0) { // whole lines go now; a line's start waits for its end
        Terminal.this.write(toErr, buf, last + 1);
        System.arraycopy(buf, last + 1, buf, 0, len - last - 1);
        len -= last + 1;
      }
    }

    /** Writes what is left of a line (at the end of the run), as a line. */
    @Override
    public synchronized void close() {
      if (len > 0) {
        buf = java.util.Arrays.copyOf(buf, len + 1);
        buf[len++] = '\n';
        Terminal.this.write(toErr, buf, len);
        len = 0;
      }
    }
  }
}
