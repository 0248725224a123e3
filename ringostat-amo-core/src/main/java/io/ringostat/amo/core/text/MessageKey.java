package io.ringostat.amo.core.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Every text the SDK writes into amoCRM, by a stable {@link #id()} (used as the key of custom
 * templates in settings and JSON), with the placeholders its template may use.
 *
 * <p>Every key accepts the {@link #CALL_PLACEHOLDERS} (what is known about any call); some accept
 * one more, named in their documentation: {@code responsible}, {@code time} or {@code duration}.
 */
public enum MessageKey {
  /** The name of a contact created for a new client. */
  CONTACT_NAME("contact-name"),
  /** The name of a deal created for a call; {@code {direction}} renders {@link #DIRECTION_INBOUND}
   * or {@link #DIRECTION_OUTBOUND}. */
  DEAL_NAME("deal-name"),
  /** The name of the deal in an unsorted request (the request's title in amoCRM's list). */
  UNSORTED_DEAL_NAME("unsorted-deal-name"),
  /** The word {@code {direction}} renders for an inbound call, capitalised. */
  DIRECTION_INBOUND("direction-inbound"),
  /** The word {@code {direction}} renders for an outbound call, capitalised. */
  DIRECTION_OUTBOUND("direction-outbound"),

  /** The task after a missed call: call the client back. */
  TASK_MISSED_CALL("task-missed-call"),
  /** The task for the senior manager when a call was answered on an endpoint no employee has. */
  TASK_UNKNOWN_ENDPOINT("task-unknown-endpoint"),
  /** The task after a missed call from a number that could not be recognized. */
  TASK_INVALID_PHONE("task-invalid-phone"),

  /** A call result: the client and an employee talked (no employee to name). */
  RESULT_TALKED("result-talked"),
  /** A call result: an inbound call answered by the responsible manager or a new client's. */
  RESULT_ANSWERED_BY("result-answered-by"),
  /** A call result: an inbound call answered by someone else; also takes {@code {responsible}}. */
  RESULT_ANSWERED_BY_NOT_RESPONSIBLE("result-answered-by-not-responsible", "responsible"),
  /** A call result: an outbound call made by the responsible manager or for a new client. */
  RESULT_CALLED_BY("result-called-by"),
  /** A call result: an outbound call made by someone else; also takes {@code {responsible}}. */
  RESULT_CALLED_BY_NOT_RESPONSIBLE("result-called-by-not-responsible", "responsible"),
  /**
   * A call result: a transferred call, several people talked; also takes {@code {talked}}, their
   * names (or endpoints) in leg order.
   */
  RESULT_TRANSFERRED("result-transferred", "talked"),
  /** A call result: answered on a number or SIP account linked to no employee. */
  RESULT_UNKNOWN_ENDPOINT("result-unknown-endpoint"),
  /** A call result: missed, nobody answered. */
  RESULT_MISSED_NO_ANSWER("result-missed-no-answer"),
  /** A call result: missed, the line was busy. */
  RESULT_MISSED_BUSY("result-missed-busy"),
  /** A call result: missed, the call failed. */
  RESULT_MISSED_FAILED("result-missed-failed"),
  /** A call result: missed, the call went to voicemail. */
  RESULT_MISSED_VOICEMAIL("result-missed-voicemail"),

  /** The result of a call-back task closed by a later call; also takes {@code {time}}. */
  CALLBACK_COMPLETED("callback-completed", "time"),
  /** How long the call lasted; also takes {@code {duration}}, a phrase such as "2 минуты 5
   * секунд" from {@link MessageCatalog#duration}. */
  TALK_DURATION("talk-duration", "duration");

  /**
   * What every template may use; the same names as {@code TaskTemplate.PLACEHOLDERS} in settings
   * (a test keeps the two lists equal).
   */
  public static final List<String> CALL_PLACEHOLDERS = Holder.CALL_PLACEHOLDERS;

  private final String id;
  private final List<String> placeholders;

  MessageKey(String id, String... extra) {
    this.id = id;
    List<String> all = new ArrayList<>(Holder.CALL_PLACEHOLDERS);
    Collections.addAll(all, extra);
    this.placeholders = List.copyOf(all);
  }

  /** The stable id used in settings and JSON, e.g. {@code task-missed-call}. */
  public String id() {
    return id;
  }

  /** The placeholders this key's templates may use, in a stable order. */
  public List<String> placeholders() {
    return placeholders;
  }

  /** The key with this {@link #id()}, or empty. */
  public static Optional<MessageKey> byId(String id) {
    for (MessageKey k : values()) {
      if (k.id.equals(id)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return id;
  }

  /** Enum constructors may not read the enum's own static fields; a nested holder they may. */
  private static final class Holder {
    static final List<String> CALL_PLACEHOLDERS =
        List.of("client_phone", "employee_name", "endpoint", "tracking_phone", "call_id", "pool",
            "direction");
  }
}
