package dev.cellflow.kernel.display;

import java.util.ArrayList;
import java.util.List;

/** A display stream that records what it was sent: "show|update ID" and the text. */
final class SentDisplays implements LiveDisplays.Target {
  private final List<String> all = new ArrayList<>();
  private final String between;

  /** Records "show ID" + {@code between} + text (and the same for updates). */
  SentDisplays(String between) {
    this.between = between;
  }

  @Override
  public synchronized void show(String id, String text, String html) {
    all.add("show " + id + between + text);
  }

  @Override
  public synchronized void update(String id, String text, String html) {
    all.add("update " + id + between + text);
  }

  /** Everything sent so far, in order. */
  synchronized List<String> all() {
    return List.copyOf(all);
  }

  /** The last thing sent. */
  synchronized String last() {
    return all.get(all.size() - 1);
  }
}
