package dev.cellflow.kernel;

import dev.cellflow.client.Flow;
import dev.cellflow.client.Run;
import dev.cellflow.client.Step;
import dev.cellflow.kernel.display.Html;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/** Renders cellflow's Client API objects, and Tablesaw tables, as tables. */
final class Display {
  private Display() {}

  static void registerAll(Renderer r) {
    r.createRegistration(Run.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_HTML)
        .register((run, ctx) -> ctx.getOutputContainer().assign(Html.run(run)));
    r.createRegistration(Flow.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_HTML)
        .register((flow, ctx) -> ctx.getOutputContainer().assign(Html.runs(flow)));
    r.createRegistration(Step.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_HTML)
        .register((step, ctx) -> ctx.getOutputContainer().assign(Html.step(step)));
    dev.cellflow.kernel.display.Tables.registerIfPresent(r);
  }
}
