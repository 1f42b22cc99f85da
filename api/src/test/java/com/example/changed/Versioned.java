package com.example.changed;

import java.io.Serializable;

/** A Serializable class with a version, as a user's class that changes between run and resume. */
public class Versioned implements Serializable {
  private static final long serialVersionUID = 2L;
  /** Its one field. */
  public int a;

  /** A value of {@code a}. */
  public Versioned(int a) {
    this.a = a;
  }
}
