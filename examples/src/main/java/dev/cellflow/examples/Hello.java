package dev.cellflow.examples;

import dev.cellflow.FlowSpec;
import dev.cellflow.Parameter;
import dev.cellflow.Step;

/** The smallest flow: two steps and an artifact between them. */
public class Hello extends FlowSpec {
  @Parameter(help = "who to greet")
  String name = "world";

  String greeting;

  /** Makes the greeting. */
  @Step
  public void start() {
    greeting = "Hello, " + name + "!";
    next(this::end);
  }

  /** Prints it. */
  @Step
  public void end() {
    System.out.println(greeting);
  }

  public static void main(String[] args) {
    FlowSpec.main(Hello.class, args);
  }
}
