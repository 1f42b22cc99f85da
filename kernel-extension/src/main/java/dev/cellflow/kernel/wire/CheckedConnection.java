package dev.cellflow.kernel.wire;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.zeromq.ZMQ;

/**
 * The kernel's connection to its clients: the library's {@link JupyterConnection} with the shell
 * and control channels replaced by {@link CheckedShellChannel}s (the library makes its own in
 * its constructor, final; they are left unbound and closed with the rest). Heartbeat, stdin and
 * IOPub are the library's.
 */
public final class CheckedConnection extends JupyterConnection {
  private final KernelConnectionProperties props;
  private final ZMQ.Context context = ZMQ.context(1);
  private final CheckedShellChannel checkedShell;
  private final CheckedShellChannel checkedControl;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** A connection on the ports and key of {@code props}; nothing is bound until connect. */
  public CheckedConnection(KernelConnectionProperties props)
      throws NoSuchAlgorithmException, InvalidKeyException {
    super(props);
    this.props = props;
    HMACGenerator hmac = props.createHMACGenerator();
    DropLog log = new DropLog(System.err);
    this.checkedShell = new CheckedShellChannel(context, hmac, false, this, log);
    this.checkedControl = new CheckedShellChannel(context, hmac, true, this, log);
  }

  @Override
  public void connect() {
    heartbeat.bind(props);
    checkedShell.bind(props);
    checkedControl.bind(props);
    stdin.bind(props);
    iopub.bind(props);
    iopub.sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      checkedShell.close();
      checkedControl.close();
      context.close();
      super.close();
    }
  }

  @Override
  public void waitUntilClose() {
    checkedShell.waitUntilClose();
    checkedControl.waitUntilClose();
    super.waitUntilClose();
  }
}
