package dev.cellflow.kernel;

import dev.cellflow.client.Flow;
import dev.cellflow.client.Run;
import dev.cellflow.client.Step;
import dev.cellflow.kernel.display.Html;
import dev.cellflow.kernel.display.RunView;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * Renders cellflow's Client API objects as pictures and tables (a run and a flow as their graph
 * and tasks), and Tablesaw tables as tables. JJava's kernels get the same through the extension.
 */
public final class Display {
  private Display() {}

  /** Registers the renderers in {@code r}. */
  public static void registerAll(Renderer r) {
    r.createRegistration(Run.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_HTML)
        .register((run, ctx) -> ctx.getOutputContainer().assign(RunView.of(run)));
    r.createRegistration(Flow.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_HTML)
        .register((flow, ctx) -> ctx.getOutputContainer().assign(RunView.of(flow)));
    r.createRegistration(Step.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_HTML)
        .register((step, ctx) -> ctx.getOutputContainer().assign(Html.step(step)));
    dev.cellflow.kernel.display.Tables.registerIfPresent(r);
  }
}
