package io.ringostat.amo.examples.cli;

import io.ringostat.amo.engine.DoneEffect;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EffectVisitor;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.Plan;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders what became of a call event: a block per event (time, call, scenario, the plan's
 * explanation, each effect done with entity ids and links, or why nothing was done), or one
 * summary line. Pure text; stateless apart from the names and zone it is built with.
 */
final class ResultPrinter {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("MMM d HH:mm");

  private final Out out;
  private final Names names;
  private final ZoneId zone;

  ResultPrinter(Out out, Names names, ZoneId zone) {
    this.out = out;
    this.names = names;
    this.zone = zone;
  }

  /**
   * When the event happened (answered, ended, else started) in the account's zone: "09:02:19",
   * or "Nov 21 16:44" on another day than {@code day}.
   */
  String time(CallEvent e, Optional<java.time.LocalDate> day) {
    java.time.ZonedDateTime t = e.occurredAt().atZone(zone);
    if (day.isPresent() && !t.toLocalDate().equals(day.get())) {
      return Out.pad(t.format(DATE_TIME.withLocale(Locale.ROOT)), 8);
    }
    return t.format(TIME);
  }

  /** The block of one event's outcome. */
  void block(String time, CallEvent e, HandleResult r, String note) {
    String who = e.employeeEndpoint().map(names::endpoint)
        .orElse(e.phase() == io.ringostat.amo.core.model.CallPhase.RINGING ? "ringing"
            : e.isMissed() ? "not answered" : "no endpoint");
    String head = time + "  " + Out.pad(e.callId(), 7) + " " + Out.pad(e.phase().name(), 8) + " "
        + e.direction().name().toLowerCase(Locale.ROOT) + "  " + e.clientPhone() + "  " + who;
    String status = r.status().name();
    int room = Out.WIDTH - status.length() - 2;
    out.line(out.bold(Out.pad(Out.cut(head, room), room)) + "  " + statusText(r));
    if (!note.isEmpty()) {
      out.line("  " + note);
    }
    r.plan().ifPresent(p -> {
      if (e.phase() != io.ringostat.amo.core.model.CallPhase.RINGING) {
        p.scenario().ifPresent(s -> out.line("  scenario  " + s + " (" + s.describe() + ")"));
      }
      for (String l : p.explanation().subList(1, p.explanation().size())) {
        out.line(out.dim("  | " + l));
      }
    });
    details(r);
  }

  /** What was done (or why not), one line per effect. */
  void details(HandleResult r) {
    switch (r.status()) {
      case DELIVERED -> {
        for (DoneEffect d : r.effects()) {
          out.line("  done  " + Out.pad(d.key().kind().wire(), 16) + describe(d, r.plan()));
        }
      }
      case NOTHING_TO_DO -> out.line("  " + r.message()
          + r.plan().flatMap(Plan::noAction).map(n -> " (" + explain(n) + ")").orElse(""));
      case DUPLICATE -> out.line("  duplicate: " + r.message());
      case DEFERRED -> out.line("  kept: " + r.message());
      case FAILED -> {
        for (DoneEffect d : r.effects()) {
          out.line("  done  " + Out.pad(d.key().kind().wire(), 16) + describe(d, r.plan()));
        }
        out.line(out.red("  FAILED: " + r.message()));
      }
      case REJECTED -> out.line(out.red("  rejected: " + r.message()));
      default -> out.line("  " + r.message());
    }
  }

  /** One line: status and a compact list of what was done. */
  String summary(CallEvent e, HandleResult r) {
    String scenario = e.phase() == io.ringostat.amo.core.model.CallPhase.RINGING ? "(ringing)"
        : r.plan().flatMap(Plan::scenario).map(Enum::name).orElse("-");
    String what = switch (r.status()) {
      case DELIVERED -> r.effects().stream().map(d -> compact(d, r.plan()))
          .collect(Collectors.joining(", "));
      case NOTHING_TO_DO -> r.plan().flatMap(Plan::noAction).map(Enum::name).orElse(r.message());
      default -> r.message();
    };
    return Out.pad(scenario, 26) + " " + Out.pad(r.status().name(), 13) + " " + what;
  }

  private String statusText(HandleResult r) {
    String s = r.status().name();
    return r.status() == HandleResult.Status.FAILED || r.status() == HandleResult.Status.REJECTED
        ? out.red(s) : out.bold(s);
  }

  private static String explain(io.ringostat.amo.core.plan.NoAction n) {
    return switch (n) {
      case RINGING -> "the matrix acts on answer or at the end";
      case NOT_YET -> "the rest happens when the call ends";
      case ALREADY_DONE -> "every effect was done before";
      case NO_TARGET_ENTITY -> "no contact or deal has this phone";
      case INVALID_PHONE -> "the number is not a phone number";
      case INTERNAL_CALL -> "an internal call between employees";
      case BLOCKED_NUMBER -> "the number is on the block list";
      case IGNORED_LINE -> "the call is on a tracking line whose calls are ignored";
      case MATRIX_SAYS_NOTHING -> "the matrix asks for nothing here";
    };
  }

  private Optional<Effect> effect(DoneEffect d, Optional<Plan> plan) {
    return plan.flatMap(p -> p.effects().stream().filter(e -> e.key().equals(d.key())).findFirst());
  }

  /** "deal #30000001 in Sales / New for Olena Kovalenko  https://…". */
  private String describe(DoneEffect d, Optional<Plan> plan) {
    Optional<Effect> effect = effect(d, plan);
    String text = effect.map(e -> e.accept(new Describe(d))).orElseGet(() -> created(d.created()));
    List<String> shown = d.created().isEmpty() ? d.links().stream().limit(1).toList()
        : d.links().stream().filter(l -> d.created().values().stream()
            .anyMatch(id -> l.endsWith("/" + id))).toList();
    String links = String.join("  ", shown);
    return text + (d.reconciled() ? " (found already done)" : "") + (links.isEmpty() ? ""
        : "  " + links);
  }

  private String compact(DoneEffect d, Optional<Plan> plan) {
    String kind = d.key().kind().wire();
    String target = d.links().isEmpty() ? d.key().target() : entity(d.links().get(0));
    return switch (kind) {
      case "create-contact", "create-deal", "create-unsorted" -> created(d.created());
      case "record-call" -> "record on " + target;
      case "create-task" -> effect(d, plan).filter(Effect.CreateTask.class::isInstance)
          .map(e -> "task for " + names.user(((Effect.CreateTask) e).assigneeUserId()))
          .orElse("task");
      case "update-fields" -> "fields on " + target;
      default -> kind;
    };
  }

  private static String created(Map<EntityType, Long> created) {
    List<String> parts = new ArrayList<>();
    for (EntityType t : EntityType.values()) {
      Long id = created.get(t);
      if (id != null) {
        parts.add(t.name().toLowerCase(Locale.ROOT) + " #" + id);
      }
    }
    return String.join(" + ", parts);
  }

  /** "deal #30000001" from a web link. */
  static String entity(String link) {
    int slash = link.lastIndexOf('/');
    String id = link.substring(slash + 1);
    String type = link.contains("/contacts/") ? "contact" : link.contains("/leads/") ? "deal"
        : link.contains("/companies/") ? "company" : "entity";
    return type + " #" + id;
  }

  private final class Describe implements EffectVisitor<String> {
    private final DoneEffect done;

    Describe(DoneEffect done) {
      this.done = done;
    }

    private String target() {
      return done.links().isEmpty() ? "?" : entity(done.links().get(0));
    }

    @Override
    public String createContact(Effect.CreateContact e) {
      return created(done.created()) + " \"" + e.name() + "\" for " + names.user(
          e.responsibleUserId());
    }

    @Override
    public String createDeal(Effect.CreateDeal e) {
      String where = e.pipelineId().map(p -> names.pipeline(p)
          + e.statusId().map(s -> " / " + names.status(p, s)).orElse("")).orElse("main pipeline");
      return created(done.created()) + " in " + where + " for " + names.user(
          e.responsibleUserId()) + (e.tags().isEmpty() ? "" : ", tags " + e.tags())
          + (e.fields().isEmpty() ? "" : ", " + e.fields().size() + " tracking field(s)");
    }

    @Override
    public String createUnsorted(Effect.CreateUnsorted e) {
      return "unsorted request: " + created(done.created()) + " in "
          + e.pipelineId().map(names::pipeline).orElse("main pipeline") + " for "
          + names.user(e.responsibleUserId());
    }

    @Override
    public String recordCall(Effect.RecordCall e) {
      return "on " + target() + ": " + e.status() + " " + e.duration().toSeconds() + "s, \""
          + e.result() + "\"";
    }

    @Override
    public String updateCallRecord(Effect.UpdateCallRecord e) {
      return "note #" + e.noteId() + " on " + e.entityType().name().toLowerCase(Locale.ROOT)
          + " #" + e.entityId() + " now: " + e.call().status() + " "
          + e.call().duration().toSeconds() + "s, \"" + e.call().result() + "\""
          + e.call().recordingUrl().map(u -> ", recording " + u).orElse("");
    }

    @Override
    public String createTask(Effect.CreateTask e) {
      return (done.key().target().isEmpty() ? "" : done.key().target() + " ") + "for "
          + names.user(e.assigneeUserId()) + ": \"" + e.text() + "\" due "
          + e.deadline().atZone(zone).format(TIME).substring(0, 5);
    }

    @Override
    public String completeTask(Effect.CompleteTask e) {
      return "task #" + e.taskId() + ": \"" + e.resultText() + "\"";
    }

    @Override
    public String updateFields(Effect.UpdateFields e) {
      List<String> parts = new ArrayList<>();
      if (!e.fields().isEmpty()) {
        parts.add(e.fields().stream().map(Object::toString).collect(Collectors.joining(", ")));
      }
      if (!e.tags().isEmpty()) {
        parts.add("tags " + e.tags());
      }
      return "on " + target() + ": " + String.join("; ", parts);
    }

    @Override
    public String notifyIncomingCall(Effect.NotifyIncomingCall e) {
      return "incoming-call popup for " + (e.userIds().isEmpty() ? "everyone"
          : e.userIds().stream().map(names::user).collect(Collectors.joining(", ")));
    }
  }
}
