package org.dflib.jjava.jupyter.messages;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Date;

/**
 * The date of a Jupyter message's header. cellflow's own version of jjava-jupyter 1.0-a6's class
 * of this name, with the same constructors and methods: that one wrote dates to the minute
 * ({@code 2026-11-26T08:35+0000}), and front ends time cells from these dates (nbclient's {@code
 * execution} metadata, JupyterLab's cell timing), while jupyter_client reads a date only when it
 * has seconds. Dates are written in UTC to the microsecond, as jupyter_client writes its own. The
 * kernel's shaded jar leaves the library's class out (kernel-extension/pom.xml).
 *
 * <p>A date made by {@link #now} is taken when it is first read, which is when its message is
 * sent: the library makes each request's idle status as the request starts and sends it at the
 * end, and an idle dated before the cell's output would say the cell took no time.
 */
public class KernelTimestamp {
  private static final DateTimeFormatter WRITE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  /** ISO 8601 as clients write it: seconds and fraction optional, offset optional (UTC). */
  private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T')
      .appendPattern("HH:mm").optionalStart().appendLiteral(':').appendPattern("ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .optionalEnd()
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
      .toFormatter();

  /** As read from a message, kept as it came; null when made here. */
  private final String serialized;
  /** Null until first read, for a date made by {@link #now} or read from a message. */
  private Instant instant;

  private KernelTimestamp(String serialized, Instant instant) {
    this.serialized = serialized;
    this.instant = instant;
  }

  /** The date of a message made now: the moment it is first read (see above). */
  public static KernelTimestamp now() {
    return new KernelTimestamp(null, null);
  }

  /** A date as a message carried it; it is written back as it came. */
  public KernelTimestamp(String serialized) {
    this(serialized, null);
  }

  /** The date {@code date}. */
  public KernelTimestamp(Date date) {
    this(null, date.toInstant());
  }

  /**
   * The date.
   *
   * @throws RuntimeException naming the text when a message carried a date that is not ISO 8601
   */
  public synchronized Date getDate() {
    if (instant == null && serialized == null) {
      instant = Instant.now();
    } else if (instant == null) {
      try {
        instant = READ.parse(serialized, Instant::from);
      } catch (DateTimeParseException e) {
        throw new RuntimeException("a Jupyter message's date is not ISO 8601: " + serialized, e);
      }
    }
    return Date.from(instant);
  }

  /** The date as the message carries it. */
  public synchronized String getDateString() {
    if (serialized != null) {
      return serialized;
    }
    if (instant == null) {
      instant = Instant.now();
    }
    return WRITE.format(instant);
  }
}
