package dev.cellflow.batch.logs;

import java.time.Instant;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * Follows one Batch job's log stream in CloudWatch Logs (group {@value #GROUP}): each {@link
 * #poll} hands over the events printed since the previous one, in order, with their times.
 */
public final class LogTail {
  /** Where AWS Batch sends a job's output unless its definition says otherwise. */
  public static final String GROUP = "/aws/batch/job";

  private final CloudWatchLogsClient logs;
  private final String stream;
  private String token;

  /** A tail of {@code stream} in {@link #GROUP}, from its start. */
  public LogTail(CloudWatchLogsClient logs, String stream) {
    this.logs = logs;
    this.stream = stream;
  }

  /** Hands the new events to {@code sink}; returns how many there were. */
  public int poll(BiConsumer<Instant, String> sink) {
    int n = 0;
    while (true) {
      GetLogEventsResponse r;
      try {
        r = logs.getLogEvents(b -> b.logGroupName(GROUP).logStreamName(stream)
            .startFromHead(true).nextToken(token));
      } catch (ResourceNotFoundException e) {
        return n; // the stream appears when the container first prints
      }
      for (OutputLogEvent e : r.events()) {
        sink.accept(Instant.ofEpochMilli(e.timestamp()), e.message());
      }
      n += r.events().size();
      String next = r.nextForwardToken();
      boolean more = !r.events().isEmpty() && next != null && !next.equals(token);
      if (next != null) {
        token = next;
      }
      if (!more) {
        return n;
      }
    }
  }
}
