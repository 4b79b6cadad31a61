package io.calisera.notification.testing;

import io.calisera.api.notification.NotificationKind;
import io.calisera.notification.notice.Notice;
import io.calisera.notification.notice.Noticeboard;
import java.util.ArrayList;
import java.util.List;

/** A noticeboard that only remembers what was posted (for saga fixtures). */
public final class RecordingNoticeboard implements Noticeboard {

  private final List<Notice> posted = new ArrayList<>();

  @Override
  public void post(Notice notice) {
    posted.add(notice);
  }

  public List<Notice> posted() {
    return List.copyOf(posted);
  }

  /** What was posted, as kind and sequence, e.g. {@code BOOKING_CONFIRMED#0}. */
  public List<String> kinds() {
    return posted.stream().map(n -> n.kind() + "#" + n.sequence()).toList();
  }

  public void clear() {
    posted.clear();
  }

  public static String told(NotificationKind kind, int sequence) {
    return kind + "#" + sequence;
  }
}
