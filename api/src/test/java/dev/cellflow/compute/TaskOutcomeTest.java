package dev.cellflow.compute;

import static dev.cellflow.compute.TaskOutcome.Status.KILLED;
import static dev.cellflow.compute.TaskOutcome.Status.OK;
import static dev.cellflow.compute.TaskOutcome.Status.OOM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TaskOutcomeTest {

  @Test
  void statusIsSaidInLowerCaseAndReadBack() {
    for (TaskOutcome.Status s : TaskOutcome.Status.values()) {
      assertEquals(s.name().toLowerCase(), s.toString());
      assertEquals(s, TaskOutcome.Status.of(s.toString()));
    }
  }

  @Test
  void onlyTheSixStatusesExist() {
    // "reused" was a seventh that only the runtime made up; a resumed task is now ok
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TaskOutcome.Status.of("reused"));
    assertEquals("not a task status: 'reused'; one of [ok, failed, oom, died, timeout, killed]",
        e.getMessage());
  }

  @Test
  void okAndKilledFollowTheStatus() {
    assertTrue(new TaskOutcome(OK, "", 0, 1, 0).ok());
    assertFalse(new TaskOutcome(OOM, "heap", null, 1, 0).ok());
    assertTrue(new TaskOutcome(KILLED, "ctrl-c", null, 1, 0).killed());
  }
}
