package com.example.flows;

import java.io.Serializable;

/** A user's type, outside cellflow's packages. */
public record Point(int x, int y) implements Serializable {}
