package com.example.records;

import dev.cellflow.FlowSpec;
import dev.cellflow.Step;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A user's flow outside cellflow's packages whose artifacts are plain records (not
 * Serializable), collections of them, an enum and a lambda: started from its own main.
 */
public class RecordsFlow extends FlowSpec {
  /** A point; not Serializable. */
  public record Pt(int x, int y) {}

  /** A kind of point. */
  public enum Kind { NEAR, FAR }

  /** A function that can travel. */
  public interface Fn extends Serializable {
    int apply(int v);
  }

  List<Pt> pts;
  Map<Kind, List<Pt>> byKind;
  Optional<Pt> best;
  Fn shift;
  int total;

  @Step public void start() {
    pts = new ArrayList<>(List.of(new Pt(1, 2), new Pt(30, 40)));
    byKind = Map.of(Kind.NEAR, List.of(pts.get(0)), Kind.FAR, List.of(pts.get(1)));
    best = Optional.of(pts.get(1));
    int by = 100;
    shift = v -> v + by;
    next(this::middle);
  }

  @Step public void middle() {
    pts.add(new Pt(shift.apply(5), byKind.get(Kind.FAR).get(0).y()));
    total = pts.stream().mapToInt(p -> p.x() + p.y()).sum() + best.orElseThrow().x();
    next(this::end);
  }

  @Step public void end() {
    System.out.println("pts=" + pts + " total=" + total + " shift(1)=" + shift.apply(1));
  }

  public static void main(String[] args) {
    FlowSpec.main(RecordsFlow.class, args);
  }
}
