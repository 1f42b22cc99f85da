package dev.cellflow.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskSpecTest {

  private static TaskSpec spec(List<TaskRef> parents, List<SplitFrame> splits) {
    return TaskSpec.builder("com.example.MyFlow", "join", 3, 7).datastore("local", "/tmp/ds root")
        .parents(parents).splitStack(splits).maxNumSplits(50).attempt(2)
        .touches(java.util.Set.of("a", "b")).build();
  }

  private static TaskSpec roundTrip(TaskSpec s) {
    List<String> args = s.toArgs();
    assertEquals("step", args.get(0));
    return TaskSpec.fromArgs(args.subList(1, args.size()));
  }

  @Test
  void argsRoundTripWithParentsAndSplits() {
    TaskSpec s = spec(List.of(new TaskRef("a", 1), new TaskRef("b", 2)),
        List.of(new SplitFrame("start", 1, 0, 2, false), new SplitFrame("a", 4, 3, 10, true)));

    assertEquals(s, roundTrip(s));
  }

  @Test
  void argsRoundTripWithoutParentsOrSplits() {
    TaskSpec s = spec(List.of(), List.of());

    assertFalse(s.toArgs().contains("--parents"));
    assertFalse(s.toArgs().contains("--split"));
    assertEquals(s, roundTrip(s));
  }

  @Test
  void theBuildersDefaultsAreTheEntryPointsDefaults() {
    TaskSpec built = TaskSpec.builder("F", "start", 1, 2).datastore("local", "/r").build();

    assertEquals(TaskSpec.fromArgs(List.of("F", "start", "1", "2", "--datastore-root", "/r")),
        built);
    assertEquals(new TaskSpec("F", "start", 1, 2, "local", "/r", List.of(), List.of(), 100, 0,
        null), built);
  }

  @Test
  void aBuilderWithoutADatastoreRootNamesTheTaskAndTheCall() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TaskSpec.builder("F", "start", 1, 2).build());
    assertEquals("task 1/start/2 has no datastore root: call datastore(kind, root)",
        e.getMessage());
  }

  @Test
  void pathspecIsRunStepTask() {
    assertEquals("3/join/7", spec(List.of(), List.of()).pathspec());
  }

  @Test
  void fromArgsRejectsBadArguments() {
    IllegalArgumentException noRoot = assertThrows(IllegalArgumentException.class,
        () -> TaskSpec.fromArgs(List.of("F", "start", "1", "1")));
    assertTrue(noRoot.getMessage().contains("--datastore-root ROOT"), noRoot.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> TaskSpec.fromArgs(List.of("F", "start", "1", "1", "--bogus", "x")));
    assertTrue(unknown.getMessage().contains("unknown option --bogus"), unknown.getMessage());
    IllegalArgumentException noValue = assertThrows(IllegalArgumentException.class,
        () -> TaskSpec.fromArgs(List.of("F", "start", "1", "1", "--datastore-root")));
    assertTrue(noValue.getMessage().contains("--datastore-root needs a value"),
        noValue.getMessage());
  }

  @Test
  void parseSplitRejectsAMalformedFrame() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TaskSpec.parseSplit("start:1:0"));
    assertTrue(e.getMessage().contains("STEP:TASK:INDEX:COUNT:KIND"), e.getMessage());
    assertEquals(new SplitFrame("s", 2, 1, 5, true), TaskSpec.parseSplit("s:2:1:5:foreach"));
  }

}
