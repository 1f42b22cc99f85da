package dev.cellflow.batch.logs;

import java.time.Instant;
import java.util.function.BiConsumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * Follows one Batch job's log stream in CloudWatch Logs (group {@value #GROUP}): each {@link
 * #poll} hands over the events printed since the previous one, in order, with their times. A
 * stream that cannot be read (access denied, an answer the SDK cannot parse) never throws: the
 * poll hands over what it read and {@link #unreadable} says why the rest did not come; the next
 * poll tries again from where the last good one ended.
 */
public final class LogTail {
  /** Where AWS Batch sends a job's output unless its definition says otherwise. */
  public static final String GROUP = "/aws/batch/job";

  private final CloudWatchLogsClient logs;
  private final String stream;
  private String token;
  private String unreadable;

  /** A tail of {@code stream} in {@link #GROUP}, from its start. */
  public LogTail(CloudWatchLogsClient logs, String stream) {
    this.logs = logs;
    this.stream = stream;
  }

  /** The stream's name. */
  public String stream() {
    return stream;
  }

  /** Why the last {@link #poll} could not read the stream (its first line), or null. */
  public String unreadable() {
    return unreadable;
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
        unreadable = null;
        return n; // the stream appears when the container first prints
      } catch (SdkException e) {
        unreadable = e.getMessage() != null ? e.getMessage().lines().findFirst().orElse("")
            : e.toString();
        return n;
      }
      unreadable = null;
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
