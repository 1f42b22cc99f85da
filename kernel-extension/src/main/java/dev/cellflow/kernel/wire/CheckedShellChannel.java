package dev.cellflow.kernel.wire;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.zeromq.ZMQ;

/**
 * A shell or control channel that serves on after a message it cannot trust. The library's
 * own (jjava-jupyter 1.0-a6) reads each message with {@code JupyterSocket.readMessage}, which
 * throws on a wrong or missing signature; nothing in its loop catches that, so one such message
 * from any local process that knows the port ended the loop thread, and the kernel answered no
 * request after it. A message without all its frames was worse: the reader took the frames of
 * the next client's message as its own.
 *
 * <p>This channel runs its own loop. It takes each message's frames up to the content frame,
 * has {@link WireCheck} judge them, drops (and logs, one line) what fails, and only then lets
 * the library parse the message, from those frames ({@link #recv(int)} hands them back), and
 * dispatches it to the kernel's handlers as the library's loop does.
 */
final class CheckedShellChannel extends ShellChannel {
  /** How long one poll waits: the loop's latency for stopping, not for messages. */
  private static final int POLL_MS = 100;

  private final String name;
  private final boolean isControl;
  private final JupyterConnection connection;
  private final WireCheck check;
  private final DropLog log;
  /** Frames already taken from the socket and checked, for the library's reader. */
  private final Deque<byte[]> checked = new ArrayDeque<>();
  private volatile boolean running;
  private Thread loop;

  CheckedShellChannel(ZMQ.Context context, HMACGenerator hmac, boolean isControl,
      JupyterConnection connection, DropLog log) {
    super(context, hmac, isControl, connection);
    this.name = isControl ? "control" : "shell";
    this.isControl = isControl;
    this.connection = connection;
    this.check = new WireCheck(hmac);
    this.log = log;
  }

  @Override
  public void bind(KernelConnectionProperties props) {
    int port = isControl ? props.getControlPort() : props.getShellPort();
    bind(formatAddress(props.getTransport(), props.getIp(), port));
    ZMQ.Poller poller = ctx.poller(1);
    poller.register(this, ZMQ.Poller.POLLIN);
    running = true;
    loop = new Thread(() -> {
      while (running) {
        try {
          if (poller.poll(POLL_MS) > 0 && running) {
            serveOne();
          }
        } catch (RuntimeException e) { // the socket's own failure: serve on unless closing
          if (running) {
            log.failed(name, "reading", e);
            java.util.concurrent.locks.LockSupport.parkNanos(POLL_MS * 1_000_000L); // no spin
          }
        }
      }
    }, "cellflow-" + name);
    loop.start();
  }

  /** The checked frames first, then the socket's: the library's reader comes through here. */
  @Override
  public byte[] recv(int flags) {
    byte[] frame = checked.poll();
    return frame != null ? frame : super.recv(flags);
  }

  /** Reads, checks and handles one message; drops it when it fails the check. */
  private void serveOne() {
    List<byte[]> frames = new ArrayList<>();
    int delimiter = -1;
    do {
      frames.add(super.recv(0));
      if (delimiter < 0 && java.util.Arrays.equals(WireCheck.DELIMITER, frames.get(
          frames.size() - 1))) {
        delimiter = frames.size() - 1;
      }
    } while (hasReceiveMore()
        && (delimiter < 0 || frames.size() < delimiter + 1 + WireCheck.SIGNED_FRAMES));
    String problem = check.problem(frames);
    if (problem != null) {
      drain();
      log.dropped(name, problem);
      return;
    }
    checked.addAll(frames);
    Message<?> message;
    try {
      message = readMessage();
    } catch (RuntimeException e) {
      checked.clear();
      drain();
      log.dropped(name, "unreadable (" + e + ")");
      return;
    }
    dispatch(message);
  }

  /** Reads and forgets the rest of the current message. */
  private void drain() {
    while (hasReceiveMore()) {
      super.recv(0);
    }
  }

  /** Hands {@code message} to the kernel's handler for its type, as the library's loop does. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void dispatch(Message message) {
    ShellHandler handler = connection.getHandler(message.getHeader().getType());
    if (handler == null) {
      return; // a type this kernel does not serve: the library ignores these too
    }
    ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
    try {
      handler.handle(env, message);
    } catch (RuntimeException e) {
      log.failed(name, message.getHeader().getType().getName(), e);
    } finally {
      env.resolveDeferrals();
    }
    if (env.isMarkedForShutdown()) {
      connection.close();
    }
  }

  @Override
  public void close() {
    running = false;
    Thread t = loop;
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(10L * POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    super.close();
  }

  @Override
  public void waitUntilClose() {
    Thread t = loop;
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
