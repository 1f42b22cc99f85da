package dev.cellflow.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CliTest {
  @Test
  void withOptionsAreFoundBeforePicocliReadsTheCommandLine() {
    assertEquals(List.of("resources:memory=6000", "batch"), Cli.withOptions(new String[] {
        "run", "--n", "3", "--with", "resources:memory=6000", "--with=batch"}));
    assertEquals(List.of(), Cli.withOptions(new String[] {"run", "--with"}));
  }
}
