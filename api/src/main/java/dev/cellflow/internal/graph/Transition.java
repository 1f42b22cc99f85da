package dev.cellflow.internal.graph;

import java.util.List;

/** What a step does when it ends. */
public sealed interface Transition {
  /** The steps this transition leads to. */
  List<String> targets();

  /** {@code next(this::to)}. */
  record Linear(String to) implements Transition {
    @Override
    public List<String> targets() {
      return List.of(to);
    }
  }

  /** {@code next(this::a, this::b, ...)}: the targets run in parallel. */
  record Branch(List<String> targets) implements Transition {
    /** A branch to {@code targets}, in order. */
    public Branch {
      targets = List.copyOf(targets);
    }
  }

  /** {@code foreach("field", this::to)}: one task of {@code to} per element of {@code field}. */
  record Foreach(String field, String to) implements Transition {
    @Override
    public List<String> targets() {
      return List.of(to);
    }
  }

  /** The {@code end} step: no transition. */
  record End() implements Transition {
    @Override
    public List<String> targets() {
      return List.of();
    }
  }
}
