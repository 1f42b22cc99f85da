package dev.cellflow.archfixture.b;

/** A fixture for ArchitectureTest: package b uses package a, which uses b. */
public final class UsesA {
  /** The other side. */
  public dev.cellflow.archfixture.a.UsesB other;
}
