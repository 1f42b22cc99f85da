package dev.cellflow.internal.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MagicArgsTest {
  @Test
  void optionsWordsAndHelp() {
    MagicArgs a = MagicArgs.parse("%batch", List.of("list", "cpu=4", "--help"),
        CellOptions.KEYS);
    assertEquals(List.of("list"), a.words());
    assertEquals(Map.of("cpu", "4"), a.options());
    assertTrue(a.help());
    assertEquals(4, a.intOption("cpu", 1, 1, " of cores"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "cpux=3|%batch: unknown option 'cpux'; it takes cpu, memory, gpu, queue, image, backend,"
          + " keep, limit, assignPublicIp, efa, efsVolumes,",
      "efa=two|%batch: efa=two: efa takes a whole number",
      "privileged=yes|%batch: privileged=yes: privileged takes true or false",
      "cpu=|%batch: option cpu= has no value; write cpu=N (cores, default 1)",
      "--cpu|%batch: unknown flag '--cpu'",
      "memory=lots|%batch: memory takes a whole number of megabytes (memory=4000), not 'lots'",
      "memory=9999999999|%batch: memory=9999999999 is too large; memory is at most 2147483647",
      "cpu=0|%batch: cpu=0 is out of range; cpu is at least 1",
      "gpu=-1|%batch: gpu=-1 is out of range; gpu is at least 0",
      "keep=a-b|%batch: keep=a-b must list variable names separated by commas, not 'a-b'",
      "backend=Batch!|%batch: backend=Batch! is not a backend name"})
  void badArgumentsNameTheMagicTheArgumentAndWhatItTakes(String arg, String message) {
    MagicException e = assertThrows(MagicException.class,
        () -> CellOptions.of(MagicArgs.parse("%batch", List.of(arg), CellOptions.KEYS), 64));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void batchOptionsBecomeTheBackendsWithValue() {
    CellOptions o = CellOptions.of(MagicArgs.parse("%batch", List.of("cpu=8", "memory=60000",
        "queue=big", "keep=m,n"), CellOptions.KEYS), 64);
    // no image named: the backend's default (the kernel compiles the cell; a JRE runs it)
    assertEquals(List.of("batch:cpu=8,memory=60000,gpu=0,queue=big"), o.withs());
    CellOptions mine = CellOptions.of(MagicArgs.parse("%batch", List.of("image=mine:1"),
        CellOptions.KEYS), 64);
    assertEquals(List.of("batch:cpu=1,memory=4000,gpu=0,image=mine:1"), mine.withs());
    CellOptions local = CellOptions.of(MagicArgs.parse("%batch", List.of("backend=local"),
        CellOptions.KEYS), 64);
    assertEquals(List.of("local:cpu=1,memory=4000,gpu=0"), local.withs());
    assertEquals(List.of("m", "n"), o.keep());
    assertEquals(64, o.returnLimitMb());
  }

  private static CellOptions sized(List<String> batch, List<String> resources) {
    CellOptions o = CellOptions.of(MagicArgs.parse("%batch", batch, CellOptions.KEYS), 64);
    return o.withResources(resources == null ? null
        : CellOptions.written(MagicArgs.parse("%resources", resources, CellOptions.KEYS)));
  }

  @Test
  void aSizeGivenToBatchIsNotRaisedToTheDefaultOfResources() {
    assertEquals(new dev.cellflow.compute.StepResources(1, 1024, 0),
        sized(List.of("memory=1024"), null).resources());
    assertEquals(new dev.cellflow.compute.StepResources(2, 1024, 0),
        sized(List.of("memory=1024"), List.of("cpu=2")).resources());
    assertEquals(new dev.cellflow.compute.StepResources(1, 8000, 0),
        sized(List.of("memory=1024"), List.of("memory=8000")).resources());
    assertEquals(new dev.cellflow.compute.StepResources(1, 512, 0),
        sized(List.of(), List.of("memory=512")).resources());
    assertEquals(List.of("batch:cpu=1,memory=1024,gpu=0"),
        sized(List.of("memory=1024"), List.of("gpu=0")).withs());
  }

  @Test
  void everyBatchElementIsAKeyAndListsTravelSeparatedBySemicolons() {
    CellOptions o = CellOptions.of(MagicArgs.parse("%batch", List.of("efa=1",
        "hostVolumes=/data,/scratch:/s", "logOptions=awslogs-group:/g", "privileged=true",
        "iamRole=arn:aws:iam::1:role/r"), CellOptions.KEYS), 64);
    // the same text a flow's --with batch takes, read by the same backend
    assertEquals(List.of("batch:cpu=1,memory=4000,gpu=0,efa=1,hostVolumes=/data;/scratch:/s,"
        + "iamRole=arn:aws:iam::1:role/r,logOptions=awslogs-group:/g,privileged=true"),
        o.withs());
    assertEquals(dev.cellflow.internal.decorator.BatchKeys.names().size() + 3, CellOptions.KEYS.size(),
        "every @Batch element and backend, keep, limit");
  }
}
