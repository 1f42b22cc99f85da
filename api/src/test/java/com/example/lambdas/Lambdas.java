package com.example.lambdas;

import java.io.Serializable;

/** Lambdas written in a flow's own package, as a flow's field holds them. */
public final class Lambdas {
  private Lambdas() {}

  /** A function that can travel. */
  public interface Fn extends Serializable {
    double apply(double v);
  }

  /** A lambda capturing {@code k}. */
  public static Fn scale(double k) {
    return v -> v * k;
  }
}
