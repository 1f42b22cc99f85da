package dev.cellflow.archfixture.a;

/** A fixture for ArchitectureTest: package a uses package b, which uses a. */
public final class UsesB {
  /** The other side. */
  public dev.cellflow.archfixture.b.UsesA other;
}
