package io.ringostat.amo.core.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link DecisionMatrix} as the Markdown table of {@code docs/matrix.md}: one row per
 * scenario, one column per effect, and which requirement bullet each preset cell implements.
 */
final class MatrixTable {
  private MatrixTable() {}

  /** What each preset cell implements (SPEC R-V1, R-V2, R-UNS; R-CLASS for its own scenario). */
  private static final Map<String, Map<Scenario, String>> IMPLEMENTS = Map.of(
      "RECOMMENDED", Map.of(
          Scenario.INBOUND_ANSWERED_NEW, "R-V1 new client, answered",
          Scenario.INBOUND_ANSWERED_EXISTING,
          "R-V1 existing client, answered (the record names who answered)",
          Scenario.INBOUND_MISSED_NEW, "R-V1 new client, missed",
          Scenario.INBOUND_MISSED_EXISTING, "R-V1 existing client, missed",
          Scenario.OUTBOUND_ANSWERED_NEW,
          "R-CLASS outbound to an unknown number (SDK choice: a contact for the caller)",
          Scenario.OUTBOUND_ANSWERED_EXISTING, "R-V1 outbound answered, open deal or contact",
          Scenario.OUTBOUND_MISSED_NEW, "—",
          Scenario.OUTBOUND_MISSED_EXISTING, "SDK choice: the unanswered call is recorded"),
      "UPDATE_ONLY", Map.of(
          Scenario.INBOUND_ANSWERED_NEW, "R-V2 nothing found: no target entity",
          Scenario.INBOUND_ANSWERED_EXISTING, "R-V2 record and tracking data",
          Scenario.INBOUND_MISSED_NEW, "R-V2 nothing found: no target entity",
          Scenario.INBOUND_MISSED_EXISTING, "R-V2 record and tracking data",
          Scenario.OUTBOUND_ANSWERED_NEW, "R-V2 nothing found: no target entity",
          Scenario.OUTBOUND_ANSWERED_EXISTING, "R-V2 record and tracking data",
          Scenario.OUTBOUND_MISSED_NEW, "R-V2 nothing found: no target entity",
          Scenario.OUTBOUND_MISSED_EXISTING, "R-V2 record and tracking data"),
      "UNSORTED", Map.of(
          Scenario.INBOUND_ANSWERED_NEW, "R-UNS new client, answered",
          Scenario.INBOUND_ANSWERED_EXISTING, "R-UNS repeat call",
          Scenario.INBOUND_MISSED_NEW, "R-UNS new client, missed",
          Scenario.INBOUND_MISSED_EXISTING, "R-UNS repeat missed call",
          Scenario.OUTBOUND_ANSWERED_NEW, "—",
          Scenario.OUTBOUND_ANSWERED_EXISTING, "record on the existing entity, as R-V1",
          Scenario.OUTBOUND_MISSED_NEW, "—",
          Scenario.OUTBOUND_MISSED_EXISTING, "record on the existing entity, as R-V1"));

  /** The table for {@code m}, with the unknown-endpoint line under it; ends with a newline. */
  static String render(DecisionMatrix m) {
    List<String> lines = new ArrayList<>();
    lines.add("| scenario | creates | when | assigned to | call record on | task"
        + " | tracking update | implements |");
    lines.add("|---|---|---|---|---|---|---|---|");
    for (Scenario s : Scenario.values()) {
      MatrixCell c = m.cell(s);
      lines.add("| `" + s + "` | " + creates(c) + " | " + when(s, c) + " | "
          + (c.creates() ? who(c.assignee()) : "—") + " | " + record(c.recordCall()) + " | "
          + c.task().map(t -> "`" + t.template() + "` for " + who(t.assignee())).orElse("—")
          + " | " + (c.updateTracking() ? "yes" : "—") + " | "
          + IMPLEMENTS.getOrDefault(m.name(), Map.of()).getOrDefault(s, "—") + " |");
    }
    lines.add("");
    lines.add("Answered on an endpoint that belongs to no employee: " + m.unknownEndpointTask()
        .map(t -> "a task `" + t.template() + "` for the senior manager naming the endpoint, and"
            + " everything created is assigned to the senior manager (R-V1).")
        .orElse("no task; anything a cell creates is assigned to the senior manager."));
    return String.join("\n", lines) + "\n";
  }

  private static String creates(MatrixCell c) {
    List<String> out = new ArrayList<>();
    if (c.createUnsorted()) {
      out.add("unsorted request");
    }
    if (c.createContact()) {
      out.add("contact (if none)");
    }
    switch (c.deal()) {
      case ALWAYS:
        out.add("deal (every call)");
        break;
      case IF_NO_OPEN_DEAL:
        out.add("deal (if none open)");
        break;
      case NEVER:
      default:
        break;
    }
    return out.isEmpty() ? "—" : String.join(" + ", out);
  }

  private static String when(Scenario s, MatrixCell c) {
    if (!c.creates()) {
      return "—";
    }
    return s.answered() && c.createOn() == Timing.ON_ANSWER ? "on answer" : "at the end";
  }

  private static String record(RecordTarget t) {
    switch (t) {
      case CONTACT: return "contact";
      case DEAL: return "deal";
      case BOTH: return "deal and contact";
      case DEAL_ELSE_CONTACT: return "open deal, else contact";
      case NONE:
      default: return "—";
    }
  }

  private static String who(Assignee a) {
    switch (a) {
      case ANSWERING_EMPLOYEE: return "answering employee";
      case RESPONSIBLE: return "responsible manager";
      case SENIOR_MANAGER:
      default: return "senior manager";
    }
  }
}
