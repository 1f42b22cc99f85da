package dev.cellflow.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellProgressTest {
  @Test
  void anAwsBatchJobsStatesAndLinesShowInOneDisplayThatEndsWithWhereTheResultsWent() {
    SentDisplays sent = new SentDisplays(" ");
    CellProgress p = new CellProgress(sent);
    p.ended("failed", "before shipping: no display"); // a backend that cannot run the cell
    assertEquals(List.of(), sent.all());
    p.shipping("F/1/cell_2/2", "batch (cpu 2, memory 2000 MB)");
    assertTrue(sent.last().contains("\nshipping · "), sent.last());
    p.launching();
    p.where("job 1234");
    p.note("AWS Batch job SUBMITTED to queue q");
    p.note("AWS Batch job RUNNABLE");
    assertTrue(p.text().contains("submitted (AWS Batch RUNNABLE) · ")
        && p.text().contains("tasks: 0 done, 0 running, 0 failed"), p.text());
    p.note("AWS Batch job RUNNING");
    for (int i = 1; i <= 7; i++) {
      p.line(false, "line " + i);
    }
    p.line(true, "java.lang.IllegalStateException: no");
    p.line(true, "\tat demo.Cell.run(Cell.java:3)");
    p.line(true, "\t... 4 more");
    String running = p.text();
    assertTrue(running.startsWith("F/1/cell_2/2 on batch (cpu 2, memory 2000 MB), job 1234\n"
        + "running (AWS Batch RUNNING) · "), running);
    assertTrue(running.contains("tasks: 0 done, 1 running, 0 failed"), running);
    // the last 5 lines, a stack trace's frames left out
    assertTrue(running.endsWith("last lines:\n  line 4\n  line 5\n  line 6\n  line 7\n"
        + "  java.lang.IllegalStateException: no\n"), running);
    p.note("AWS Batch job SUCCEEDED");
    p.ended("succeeded", "artifacts in F/1/cell_2/2; now variables here: x");
    p.ended("failed", "a second end changes nothing");
    String id = sent.all().get(0).split(" ")[1];
    assertTrue(sent.all().get(0).startsWith("show cellflow-"), sent.all().get(0));
    sent.all().subList(1, sent.all().size()).forEach(u -> assertTrue(u.startsWith("update " + id),
        u));
    String last = sent.last();
    assertTrue(last.contains("succeeded · ") && last.contains("tasks: 1 done, 0 running, 0 failed")
        && last.contains("AWS Batch job SUBMITTED to queue q\nAWS Batch job RUNNABLE\n")
        && last.endsWith("succeeded: artifacts in F/1/cell_2/2; now variables here: x\n"), last);
    assertTrue(p.html().contains("class=\"cellflow-progress\"") && p.html().contains(
        "<b style=\"color:#2e7d32\">succeeded</b>"), p.html());
  }

  @Test
  void updatesComeAtMostFourTimesASecondHoweverManyLinesThereAre() throws Exception {
    SentDisplays sent = new SentDisplays(" ");
    CellProgress p = new CellProgress(sent);
    long t0 = System.nanoTime();
    p.shipping("F/1/cell_1/1", "local (cpu 1, memory 1000 MB)");
    p.launching();
    for (int i = 0; i < 2000; i++) {
      p.line(false, "line " + i);
      if (i % 200 == 0) {
        Thread.sleep(50);
      }
    }
    Thread.sleep(600);
    p.ended("succeeded", "done");
    double seconds = (System.nanoTime() - t0) / 1e9;
    // one show, the last update, and at most one update per 250 ms between
    assertTrue(sent.all().size() <= 2 + seconds * 4 + 1, sent.all().size() + " in " + seconds);
    assertTrue(sent.all().size() >= 3, "updated while it ran: " + sent.all().size());
    assertTrue(sent.last().contains("line 1999"), sent.last());
    p.line(false, "<i>x</i>");
    assertTrue(p.html().contains("&lt;i&gt;x&lt;/i&gt;"), p.html());
  }

  @Test
  void aDisplayStreamThatFailsStopsTheUpdatesAndNotTheCell() {
    List<String> tried = new ArrayList<>();
    CellProgress p = new CellProgress(new LiveDisplays.Target() {
      @Override
      public void show(String id, String text, String html) {
        tried.add("show");
        throw new IllegalStateException("no env");
      }

      @Override
      public void update(String id, String text, String html) {
        tried.add("update");
      }
    });
    p.shipping("F/1/cell_1/1", "local (cpu 1, memory 1000 MB)");
    p.launching();
    p.line(false, "still fine");
    p.ended("succeeded", "done");
    assertEquals(List.of("show"), tried);
  }
}
