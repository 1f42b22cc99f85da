package dev.cellflow.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.internal.cells.MagicException;
import org.junit.jupiter.api.Test;

class ResourcesMagicTest {
  @Test
  void resourcesTheKernelCannotGiveFailNamingBatch() {
    MagicException e = assertThrows(MagicException.class, () -> ResourcesMagic.checkLocal(
        new dev.cellflow.compute.StepResources(1, Integer.MAX_VALUE, 0)));
    assertTrue(e.getMessage().contains("%batch memory=" + Integer.MAX_VALUE), e.getMessage());
    e = assertThrows(MagicException.class, () -> ResourcesMagic.checkLocal(
        new dev.cellflow.compute.StepResources(1, 1, 1)));
    assertTrue(e.getMessage().contains("%batch gpu=1"), e.getMessage());
  }
}
