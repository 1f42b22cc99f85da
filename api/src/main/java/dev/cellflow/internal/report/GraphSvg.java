package dev.cellflow.internal.report;

import static dev.cellflow.internal.report.Html.esc;

import dev.cellflow.internal.graph.StepNode;
import dev.cellflow.internal.graph.Transition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * A flow's graph as SVG: a box per step, coloured by its status in the run, laid out top to
 * bottom by Eclipse ELK's layered algorithm (the one Eclipse's and many web diagram tools use).
 */
final class GraphSvg {
  private static final int LINE = 16;
  private static final int CHAR = 7;

  static {
    // registered here rather than found by ServiceLoader: a shaded jar may drop ELK's services
    LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(
        new LayeredMetaDataProvider());
  }

  private GraphSvg() {}

  /**
   * The graph of {@code steps}, each step with the lines {@code labels} gives it (its name first)
   * and the colour of {@code status}'s value for it; a foreach's arrow says how many splits
   * {@code splits} gives it made.
   */
  static String of(List<StepNode> steps, Map<String, List<String>> labels,
      Map<String, String> status, Map<String, Integer> splits) {
    ElkNode root = ElkGraphUtil.createGraph();
    root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
    root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
    root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);
    root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 40.0);
    root.setProperty(CoreOptions.SPACING_NODE_NODE, 30.0);
    Map<String, ElkNode> nodes = new LinkedHashMap<>();
    for (StepNode n : steps) {
      ElkNode e = ElkGraphUtil.createNode(root);
      List<String> lines = labels.getOrDefault(n.name(), List.of(n.name()));
      int chars = lines.stream().mapToInt(String::length).max().orElse(4);
      e.setWidth(Math.max(90, chars * CHAR + 24));
      e.setHeight(lines.size() * LINE + 14);
      nodes.put(n.name(), e);
    }
    Map<ElkEdge, String> edgeLabels = new LinkedHashMap<>();
    for (StepNode n : steps) {
      for (String to : n.transition().targets()) {
        if (nodes.containsKey(to)) {
          ElkEdge e = ElkGraphUtil.createSimpleEdge(nodes.get(n.name()), nodes.get(to));
          edgeLabels.put(e, n.transition() instanceof Transition.Foreach fe
              ? foreachLabel(fe.field(), splits.getOrDefault(n.name(), 0)) : "");
        }
      }
    }
    new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
        + "class=\"graph\" width=\"%.0f\" height=\"%.0f\" viewBox=\"-10 -10 %.0f %.0f\">%n",
        root.getWidth() + 20, root.getHeight() + 20, root.getWidth() + 20,
        root.getHeight() + 20));
    // its own fonts, so that it reads the same inside the report, a notebook's output or alone
    svg.append("<style>.graph text{font:12px monospace;fill:#202124}.graph text.name{"
        + "font-weight:bold}.graph text.edge{fill:#5f6368;font-size:11px}</style>\n");
    svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
        + "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" "
        + "fill=\"#555\"/></marker></defs>\n");
    edgeLabels.forEach((e, label) -> edge(svg, e, label));
    nodes.forEach((name, e) -> node(svg, e, labels.getOrDefault(name, List.of(name)),
        status.getOrDefault(name, "not run")));
    return svg.append("</svg>\n").toString();
  }

  /** {@code foreach items: 8 splits}; the field or the count left out where not known. */
  private static String foreachLabel(String field, int splits) {
    return "foreach" + (field.isEmpty() ? "" : " " + field) + (splits > 0 ? ": " + splits
        + (splits == 1 ? " split" : " splits") : "");
  }

  private static void edge(StringBuilder svg, ElkEdge e, String label) {
    for (ElkEdgeSection s : e.getSections()) {
      StringBuilder pts = new StringBuilder(pt(s.getStartX(), s.getStartY()));
      for (ElkBendPoint b : s.getBendPoints()) {
        pts.append(' ').append(pt(b.getX(), b.getY()));
      }
      pts.append(' ').append(pt(s.getEndX(), s.getEndY()));
      svg.append("<polyline points=\"").append(pts).append("\" fill=\"none\" stroke=\"#555\" "
          + "stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>\n");
      if (!label.isEmpty()) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"edge\">%s"
            + "</text>%n", (s.getStartX() + s.getEndX()) / 2 + 6,
            (s.getStartY() + s.getEndY()) / 2 + 4, esc(label)));
      }
    }
  }

  private static void node(StringBuilder svg, ElkNode e, List<String> lines, String status) {
    svg.append(String.format(Locale.ROOT, "<g class=\"step\" data-status=\"%s\">"
        + "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"6\" fill=\"%s\" "
        + "fill-opacity=\"0.18\" stroke=\"%s\" stroke-width=\"2\"/>%n", esc(status), e.getX(),
        e.getY(), e.getWidth(), e.getHeight(), Html.colour(status), Html.colour(status)));
    for (int i = 0; i < lines.size(); i++) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"%s\">%s"
          + "</text>%n", e.getX() + 12, e.getY() + 20 + i * LINE, i == 0 ? "name" : "info",
          esc(lines.get(i))));
    }
    svg.append("</g>\n");
  }

  private static String pt(double x, double y) {
    return String.format(Locale.ROOT, "%.1f,%.1f", x, y);
  }
}
