package io.ringostat.amo.engine.internal;

import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.Tracking;
import io.ringostat.amo.engine.journal.JournalEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * What a call says about its end once its ENDED and UPDATED events are merged (R-LIFE). Pure.
 *
 * <p>The events are folded in this order: the ENDED events by seq, then the UPDATED ones by seq;
 * a field an event carries replaces the one before, a field it leaves out keeps it. So an update
 * wins over the ENDED whichever arrived first, a later update wins over an earlier one, and an
 * update that arrived before the ENDED is merged under it when the ENDED comes.
 */
final class CallLife {
  private CallLife() {}

  /**
   * The call as {@code current} (a final event of entry {@code seq}) and the call's other final
   * events journaled up to {@code seq} say; {@code current} itself when it is not final or
   * stands alone.
   */
  static CallEvent merged(long seq, CallEvent current, List<JournalEntry> callEntries) {
    if (!current.phase().isFinal()) {
      return current;
    }
    List<CallEvent> ended = new ArrayList<>();
    List<CallEvent> updated = new ArrayList<>();
    for (JournalEntry e : callEntries) {
      if (e.seq() > seq || e.event().isEmpty() || !e.event().get().phase().isFinal()) {
        continue;
      }
      CallEvent ev = e.seq() == seq ? current : e.event().get();
      (ev.phase() == CallPhase.ENDED ? ended : updated).add(ev);
    }
    if (ended.size() + updated.size() <= 1) {
      return current;
    }
    List<CallEvent> order = new ArrayList<>(ended);
    order.addAll(updated);
    CallEvent out = order.get(0);
    for (int i = 1; i < order.size(); i++) {
      out = overlay(out, order.get(i));
    }
    try {
      return CallEvent.builder().from(out).phase(current.phase()).build();
    } catch (IllegalStateException inconsistent) {
      return current; // instants that contradict each other: the newest event alone decides
    }
  }

  private static CallEvent overlay(CallEvent base, CallEvent news) {
    CallEvent.Builder b = CallEvent.builder().from(base);
    news.disposition().ifPresent(b::disposition);
    news.trackingPhone().ifPresent(b::trackingPhone);
    news.employeeEndpoint().ifPresent(b::employeeEndpoint);
    news.answeredAt().ifPresent(b::answeredAt);
    news.endedAt().ifPresent(b::endedAt);
    news.recordingUrl().ifPresent(b::recordingUrl);
    if (!news.legs().isEmpty()) {
      b.legs(news.legs());
    }
    if (!news.tracking().equals(Tracking.EMPTY)) {
      b.tracking(news.tracking());
    }
    try {
      return b.build();
    } catch (IllegalStateException inconsistent) {
      return news;
    }
  }
}
