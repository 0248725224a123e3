package io.ringostat.amo.core.plan;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders a {@link Plan} as stable, readable text: for logs, support, golden tests and users tuning
 * a matrix. A second interpreter of the plan, next to the executor: it prints what would be done
 * instead of doing it. It prints everything an amoCRM user would see of each effect: the owner
 * ({@code responsible}, {@code author}, the task's {@code for}) of every entity, call record and
 * task, names, pipelines and statuses, fields, tags, texts, deadlines, call times, durations,
 * links and the source, so a golden test fails when any of them changes. Pure and thread-safe. The output contains the client's phone number in
 * full (the plan's explanation masks it): treat it as personal data when logging it.
 *
 * <pre>{@code
 * 1. create-contact  name="+380441234567" phone=+380441234567 responsible=504141
 * 2. create-deal     contact=new contact (from create-contact) pipeline=3383152 responsible=504141
 * }</pre>
 */
public final class PlanPrinter {
  private PlanPrinter() {}

  /** The effects, one numbered line each, or the no-action reason. */
  public static String effects(Plan plan) {
    if (plan.isEmpty()) {
      return "(nothing to do: " + plan.noAction().orElseThrow() + ")";
    }
    StringBuilder out = new StringBuilder();
    List<Effect> effects = plan.effects();
    for (int i = 0; i < effects.size(); i++) {
      Effect e = effects.get(i);
      out.append(i + 1).append(". ")
          .append(String.format(Locale.ROOT, "%-15s ", e.key().kind()))
          .append(e.accept(LINE)).append('\n');
    }
    return out.toString();
  }

  /** The explanation followed by the effects. */
  public static String print(Plan plan) {
    return plan.explain() + "\n" + effects(plan);
  }

  private static final EffectVisitor<String> LINE = new EffectVisitor<>() {
    @Override
    public String createContact(Effect.CreateContact e) {
      return "name=\"" + e.name() + "\" phone=" + e.phone() + " responsible=" + e.responsibleUserId()
          + extras(e.fields(), e.tags());
    }

    @Override
    public String createDeal(Effect.CreateDeal e) {
      return "name=\"" + e.name() + "\" contact=" + e.contact().map(Object::toString).orElse("-")
          + " pipeline=" + e.pipelineId().map(String::valueOf).orElse("main")
          + e.statusId().map(s -> " status=" + s).orElse("")
          + " responsible=" + e.responsibleUserId() + extras(e.fields(), e.tags());
    }

    @Override
    public String createUnsorted(Effect.CreateUnsorted e) {
      String contact = e.contactFields().isEmpty() && e.contactTags().isEmpty() ? ""
          : " contact" + extras(e.contactFields(), e.contactTags());
      return "phone=" + e.phone() + " pipeline=" + e.pipelineId().map(String::valueOf).orElse("main")
          + " responsible=" + e.responsibleUserId() + " uniq=" + e.callId()
          + " contact-name=\"" + e.contactName() + "\" deal-name=\"" + e.dealName() + "\""
          + " at=" + e.calledAt() + " duration=" + e.duration().toSeconds() + "s"
          + e.recordingUrl().map(u -> " link=" + u).orElse("") + " source=\"" + e.source() + "\""
          + extras(e.fields(), e.tags()) + contact;
    }

    @Override
    public String recordCall(Effect.RecordCall e) {
      return "on=" + e.target() + " " + e.direction().name().toLowerCase(Locale.ROOT)
          + " uniq=" + e.uniq() + " phone=" + e.phone() + " at=" + e.calledAt()
          + " duration=" + e.duration().toSeconds() + "s status=" + e.status()
          + " responsible=" + e.responsibleUserId()
          + e.authorUserId().map(a -> " author=" + a).orElse("")
          + " result=\"" + e.result() + "\"" + e.recordingUrl().map(u -> " link=" + u).orElse("")
          + " source=\"" + e.source() + "\"";
    }

    @Override
    public String updateCallRecord(Effect.UpdateCallRecord e) {
      return "note=" + e.noteId() + " on=" + e.entityType().name().toLowerCase(Locale.ROOT) + "#"
          + e.entityId() + " duration=" + e.call().duration().toSeconds() + "s status="
          + e.call().status() + " result=\"" + e.call().result() + "\""
          + e.call().recordingUrl().map(u -> " link=" + u).orElse("");
    }

    @Override
    public String createTask(Effect.CreateTask e) {
      return "for=" + e.assigneeUserId() + " on=" + e.target().map(Object::toString).orElse("-")
          + " type=" + e.taskTypeId() + " due=" + e.deadline() + " text=\"" + e.text() + "\"";
    }

    @Override
    public String completeTask(Effect.CompleteTask e) {
      return "task=" + e.taskId() + " result=\"" + e.resultText() + "\"";
    }

    @Override
    public String updateFields(Effect.UpdateFields e) {
      return "on=" + e.target() + extras(e.fields(), e.tags());
    }

    @Override
    public String notifyIncomingCall(Effect.NotifyIncomingCall e) {
      return "phone=" + e.phone() + " users=" + (e.userIds().isEmpty() ? "all" : e.userIds());
    }
  };

  private static String extras(List<FieldValue> fields, List<String> tags) {
    String f = fields.isEmpty() ? ""
        : " fields=[" + fields.stream().map(Object::toString).collect(Collectors.joining(", ")) + "]";
    String t = tags.isEmpty() ? "" : " tags=" + tags;
    return f + t;
  }
}
