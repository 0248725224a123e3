package io.ringostat.amo.core.plan;

import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.PhoneNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One side effect of a {@link Plan}: a closed set of immutable records. Each carries everything
 * needed to carry it out, a stable {@link #key()} for exactly-once delivery (R-ONCE) and the
 * {@link #reason()} it is in the plan. Interpreters implement {@link EffectVisitor}, so a new
 * effect breaks every interpreter at compile time.
 *
 * <p>Effects are immutable values, safe to share between threads. The effects with many
 * components have a {@code builder()} that names its fields, so two lists of one type cannot be
 * swapped silently; {@code build()} names every required field that was not set:
 *
 * <pre>{@code
 * Effect.CreateTask task = Effect.CreateTask.builder().key(key).reason("missed call")
 *     .assigneeUserId(42).taskTypeId(1).text("Call the client back").deadline(due).build();
 * }</pre>
 */
public sealed interface Effect {
  EffectKey key();

  /** Why the effect is in the plan: the matrix cell or rule that produced it. */
  String reason();

  <R> R accept(EffectVisitor<R> visitor);

  /** Entities this effect creates, each addressable by {@link EntityRef#createdBy}. */
  default List<EntityType> creates() {
    return List.of();
  }

  /** Entities this effect needs that other effects of the plan create. */
  default List<EntityRef> refs() {
    return List.of();
  }

  /** Creates a contact with the client's phone in its PHONE field. */
  record CreateContact(
      EffectKey key,
      String reason,
      String name,
      PhoneNumber phone,
      long responsibleUserId,
      List<FieldValue> fields,
      List<String> tags)
      implements Effect {
    public CreateContact {
      fields = List.copyOf(fields);
      tags = List.copyOf(tags);
    }

    public static Builder builder() {
      return new Builder();
    }

    @Override
    public <R> R accept(EffectVisitor<R> v) {
      return v.createContact(this);
    }

    @Override
    public List<EntityType> creates() {
      return List.of(EntityType.CONTACT);
    }

    /** Builds a {@link CreateContact}; {@code fields} and {@code tags} default to none. */
    public static final class Builder {
      private EffectKey key;
      private String reason;
      private String name;
      private PhoneNumber phone;
      private Long responsibleUserId;
      private List<FieldValue> fields = List.of();
      private List<String> tags = List.of();

      private Builder() {}

      public Builder key(EffectKey key) {
        this.key = key;
        return this;
      }

      public Builder reason(String reason) {
        this.reason = reason;
        return this;
      }

      public Builder name(String name) {
        this.name = name;
        return this;
      }

      public Builder phone(PhoneNumber phone) {
        this.phone = phone;
        return this;
      }

      public Builder responsibleUserId(long responsibleUserId) {
        this.responsibleUserId = responsibleUserId;
        return this;
      }

      public Builder fields(List<FieldValue> fields) {
        this.fields = fields;
        return this;
      }

      public Builder tags(List<String> tags) {
        this.tags = tags;
        return this;
      }

      /** @throws IllegalStateException naming every required field that was not set */
      public CreateContact build() {
        RequiredFields.of("CreateContact").check("key", key).check("reason", reason)
            .check("name", name).check("phone", phone)
            .check("responsibleUserId", responsibleUserId).throwIfMissing();
        return new CreateContact(key, reason, name, phone, responsibleUserId, fields, tags);
      }
    }
  }

  /**
   * Creates a deal linked to {@code contact}. When the contact is created by the same plan, a
   * transport sends both in one request (amoCRM's {@code leads/complex}).
   */
  record CreateDeal(
      EffectKey key,
      String reason,
      String name,
      Optional<EntityRef> contact,
      Optional<Long> pipelineId,
      Optional<Long> statusId,
      long responsibleUserId,
      List<FieldValue> fields,
      List<String> tags)
      implements Effect {
    public CreateDeal {
      fields = List.copyOf(fields);
      tags = List.copyOf(tags);
    }

    public static Builder builder() {
      return new Builder();
    }

    @Override
    public <R> R accept(EffectVisitor<R> v) {
      return v.createDeal(this);
    }

    @Override
    public List<EntityType> creates() {
      return List.of(EntityType.DEAL);
    }

    @Override
    public List<EntityRef> refs() {
      return contact.map(List::of).orElse(List.of());
    }

    /**
     * Builds a {@link CreateDeal}; {@code contact}, {@code pipelineId} and {@code statusId}
     * default to empty, {@code fields} and {@code tags} to none.
     */
    public static final class Builder {
      private EffectKey key;
      private String reason;
      private String name;
      private Optional<EntityRef> contact = Optional.empty();
      private Optional<Long> pipelineId = Optional.empty();
      private Optional<Long> statusId = Optional.empty();
      private Long responsibleUserId;
      private List<FieldValue> fields = List.of();
      private List<String> tags = List.of();

      private Builder() {}

      public Builder key(EffectKey key) {
        this.key = key;
        return this;
      }

      public Builder reason(String reason) {
        this.reason = reason;
        return this;
      }

      public Builder name(String name) {
        this.name = name;
        return this;
      }

      public Builder contact(EntityRef contact) {
        return contact(Optional.of(contact));
      }

      public Builder contact(Optional<EntityRef> contact) {
        this.contact = contact;
        return this;
      }

      public Builder pipelineId(long pipelineId) {
        return pipelineId(Optional.of(pipelineId));
      }

      public Builder pipelineId(Optional<Long> pipelineId) {
        this.pipelineId = pipelineId;
        return this;
      }

      public Builder statusId(long statusId) {
        return statusId(Optional.of(statusId));
      }

      public Builder statusId(Optional<Long> statusId) {
        this.statusId = statusId;
        return this;
      }

      public Builder responsibleUserId(long responsibleUserId) {
        this.responsibleUserId = responsibleUserId;
        return this;
      }

      public Builder fields(List<FieldValue> fields) {
        this.fields = fields;
        return this;
      }

      public Builder tags(List<String> tags) {
        this.tags = tags;
        return this;
      }

      /** @throws IllegalStateException naming every required field that was not set */
      public CreateDeal build() {
        RequiredFields.of("CreateDeal").check("key", key).check("reason", reason)
            .check("name", name).check("responsibleUserId", responsibleUserId).throwIfMissing();
        return new CreateDeal(key, reason, name, contact, pipelineId, statusId, responsibleUserId,
            fields, tags);
      }
    }
  }

  /**
   * Creates an unsorted (SIP) request: a deal in the pipeline's Unsorted stage plus a contact,
   * which amoCRM turns into real entities when a manager accepts it (R-UNS). {@code fields} and
   * {@code tags} go to the deal, {@code contactFields} and {@code contactTags} to the contact
   * (R-FIELDS). {@code source} is the integration's name on the request (the settings'
   * {@code sourceName}).
   */
  record CreateUnsorted(
      EffectKey key,
      String reason,
      String callId,
      PhoneNumber phone,
      Optional<Long> pipelineId,
      Instant calledAt,
      Duration duration,
      Optional<String> recordingUrl,
      long responsibleUserId,
      String contactName,
      String dealName,
      List<FieldValue> fields,
      List<String> tags,
      List<FieldValue> contactFields,
      List<String> contactTags,
      String source)
      implements Effect {
    public CreateUnsorted {
      fields = List.copyOf(fields);
      tags = List.copyOf(tags);
      contactFields = List.copyOf(contactFields);
      contactTags = List.copyOf(contactTags);
    }

    public static Builder builder() {
      return new Builder();
    }

    @Override
    public <R> R accept(EffectVisitor<R> v) {
      return v.createUnsorted(this);
    }

    @Override
    public List<EntityType> creates() {
      return List.of(EntityType.DEAL, EntityType.CONTACT);
    }

    /**
     * Builds a {@link CreateUnsorted}. {@code pipelineId} and {@code recordingUrl} default to
     * empty; the deal's {@code fields} and {@code tags} and the contact's {@code contactFields}
     * and {@code contactTags} default to none.
     */
    public static final class Builder {
      private EffectKey key;
      private String reason;
      private String callId;
      private PhoneNumber phone;
      private Optional<Long> pipelineId = Optional.empty();
      private Instant calledAt;
      private Duration duration;
      private Optional<String> recordingUrl = Optional.empty();
      private Long responsibleUserId;
      private String contactName;
      private String dealName;
      private List<FieldValue> fields = List.of();
      private List<String> tags = List.of();
      private List<FieldValue> contactFields = List.of();
      private List<String> contactTags = List.of();
      private String source;

      private Builder() {}

      public Builder key(EffectKey key) {
        this.key = key;
        return this;
      }

      public Builder reason(String reason) {
        this.reason = reason;
        return this;
      }

      public Builder callId(String callId) {
        this.callId = callId;
        return this;
      }

      public Builder phone(PhoneNumber phone) {
        this.phone = phone;
        return this;
      }

      public Builder pipelineId(long pipelineId) {
        return pipelineId(Optional.of(pipelineId));
      }

      public Builder pipelineId(Optional<Long> pipelineId) {
        this.pipelineId = pipelineId;
        return this;
      }

      public Builder calledAt(Instant calledAt) {
        this.calledAt = calledAt;
        return this;
      }

      public Builder duration(Duration duration) {
        this.duration = duration;
        return this;
      }

      public Builder recordingUrl(String recordingUrl) {
        return recordingUrl(Optional.of(recordingUrl));
      }

      public Builder recordingUrl(Optional<String> recordingUrl) {
        this.recordingUrl = recordingUrl;
        return this;
      }

      public Builder responsibleUserId(long responsibleUserId) {
        this.responsibleUserId = responsibleUserId;
        return this;
      }

      public Builder contactName(String contactName) {
        this.contactName = contactName;
        return this;
      }

      public Builder dealName(String dealName) {
        this.dealName = dealName;
        return this;
      }

      /** The deal's custom fields. */
      public Builder fields(List<FieldValue> fields) {
        this.fields = fields;
        return this;
      }

      /** The deal's tags. */
      public Builder tags(List<String> tags) {
        this.tags = tags;
        return this;
      }

      public Builder contactFields(List<FieldValue> contactFields) {
        this.contactFields = contactFields;
        return this;
      }

      public Builder contactTags(List<String> contactTags) {
        this.contactTags = contactTags;
        return this;
      }

      public Builder source(String source) {
        this.source = source;
        return this;
      }

      /** @throws IllegalStateException naming every required field that was not set */
      public CreateUnsorted build() {
        RequiredFields.of("CreateUnsorted").check("key", key).check("reason", reason)
            .check("callId", callId).check("phone", phone).check("calledAt", calledAt)
            .check("duration", duration).check("responsibleUserId", responsibleUserId)
            .check("contactName", contactName).check("dealName", dealName)
            .check("source", source).throwIfMissing();
        return new CreateUnsorted(key, reason, callId, phone, pipelineId, calledAt, duration,
            recordingUrl, responsibleUserId, contactName, dealName, fields, tags, contactFields,
            contactTags, source);
      }
    }
  }

  /**
   * Records the call on one entity (a {@code call_in}/{@code call_out} record), with {@code
   * uniq} = the call id. {@code result} names who talked (everyone, on a transferred call) and
   * whether it was not the responsible manager; {@code source} is the integration's name on the
   * record (the settings' {@code sourceName}). {@code clientResponsibleUserId} is the client's
   * responsible manager the result was rendered against (empty for a new client); the journal
   * keeps it with the record so an update renders the result alike without a lookup.
   */
  record RecordCall(
      EffectKey key,
      String reason,
      EntityRef target,
      CallDirection direction,
      String uniq,
      PhoneNumber phone,
      Duration duration,
      Optional<String> recordingUrl,
      CallStatus status,
      String result,
      Optional<Long> authorUserId,
      long responsibleUserId,
      Instant calledAt,
      String source,
      Optional<Long> clientResponsibleUserId)
      implements Effect {
    public static Builder builder() {
      return new Builder();
    }

    @Override
    public <R> R accept(EffectVisitor<R> v) {
      return v.recordCall(this);
    }

    /**
     * What the record says in amoCRM, as one string: two records with equal content look the same
     * to a user, so an update that changes none of it sends nothing.
     */
    public String content() {
      return direction + "|" + uniq + "|" + phone.e164() + "|" + duration.toSeconds() + "|"
          + recordingUrl.orElse("") + "|" + status + "|" + result + "|"
          + authorUserId.map(String::valueOf).orElse("") + "|" + responsibleUserId + "|"
          + calledAt.getEpochSecond() + "|" + source;
    }

    /** A copy with another key, reason and target (the same record elsewhere). */
    public RecordCall withTarget(EffectKey newKey, String newReason, EntityRef newTarget) {
      return new RecordCall(newKey, newReason, newTarget, direction, uniq, phone, duration,
          recordingUrl, status, result, authorUserId, responsibleUserId, calledAt, source,
          clientResponsibleUserId);
    }

    @Override
    public List<EntityRef> refs() {
      return List.of(target);
    }

    /**
     * Builds a {@link RecordCall}; {@code recordingUrl}, {@code authorUserId} and {@code
     * clientResponsibleUserId} default to empty.
     */
    public static final class Builder {
      private EffectKey key;
      private String reason;
      private EntityRef target;
      private CallDirection direction;
      private String uniq;
      private PhoneNumber phone;
      private Duration duration;
      private Optional<String> recordingUrl = Optional.empty();
      private CallStatus status;
      private String result;
      private Optional<Long> authorUserId = Optional.empty();
      private Long responsibleUserId;
      private Instant calledAt;
      private String source;
      private Optional<Long> clientResponsibleUserId = Optional.empty();

      private Builder() {}

      public Builder clientResponsibleUserId(Optional<Long> clientResponsibleUserId) {
        this.clientResponsibleUserId = clientResponsibleUserId;
        return this;
      }

      public Builder key(EffectKey key) {
        this.key = key;
        return this;
      }

      public Builder reason(String reason) {
        this.reason = reason;
        return this;
      }

      public Builder target(EntityRef target) {
        this.target = target;
        return this;
      }

      public Builder direction(CallDirection direction) {
        this.direction = direction;
        return this;
      }

      public Builder uniq(String uniq) {
        this.uniq = uniq;
        return this;
      }

      public Builder phone(PhoneNumber phone) {
        this.phone = phone;
        return this;
      }

      public Builder duration(Duration duration) {
        this.duration = duration;
        return this;
      }

      public Builder recordingUrl(String recordingUrl) {
        return recordingUrl(Optional.of(recordingUrl));
      }

      public Builder recordingUrl(Optional<String> recordingUrl) {
        this.recordingUrl = recordingUrl;
        return this;
      }

      public Builder status(CallStatus status) {
        this.status = status;
        return this;
      }

      public Builder result(String result) {
        this.result = result;
        return this;
      }

      public Builder authorUserId(long authorUserId) {
        return authorUserId(Optional.of(authorUserId));
      }

      public Builder authorUserId(Optional<Long> authorUserId) {
        this.authorUserId = authorUserId;
        return this;
      }

      public Builder responsibleUserId(long responsibleUserId) {
        this.responsibleUserId = responsibleUserId;
        return this;
      }

      public Builder calledAt(Instant calledAt) {
        this.calledAt = calledAt;
        return this;
      }

      public Builder source(String source) {
        this.source = source;
        return this;
      }

      /** @throws IllegalStateException naming every required field that was not set */
      public RecordCall build() {
        RequiredFields.of("RecordCall").check("key", key).check("reason", reason)
            .check("target", target).check("direction", direction).check("uniq", uniq)
            .check("phone", phone).check("duration", duration).check("status", status)
            .check("result", result).check("responsibleUserId", responsibleUserId)
            .check("calledAt", calledAt).check("source", source).throwIfMissing();
        return new RecordCall(key, reason, target, direction, uniq, phone, duration, recordingUrl,
            status, result, authorUserId, responsibleUserId, calledAt, source,
            clientResponsibleUserId);
      }
    }
  }

  /**
   * Edits a call record the call already wrote (R-LIFE): amoCRM note {@code noteId} on entity
   * {@code entityId} of {@code entityType} is made to say {@code call} (a later recording link,
   * the final duration or disposition, everyone who talked). {@code recordKey} is the key of the
   * {@link RecordCall} that wrote it. Idempotent: one {@code PATCH}, no lookup.
   */
  record UpdateCallRecord(EffectKey key, String reason, EffectKey recordKey,
      EntityType entityType, long entityId, long noteId, RecordCall call) implements Effect {
    public UpdateCallRecord {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(recordKey, "recordKey");
      Objects.requireNonNull(entityType, "entityType");
      Objects.requireNonNull(call, "call");
      if (entityId <= 0 || noteId <= 0) {
        throw new IllegalArgumentException("entityId and noteId: must be positive, got "
            + entityId + " and " + noteId);
      }
    }

    @Override
    public <R> R accept(EffectVisitor<R> v) {
      return v.updateCallRecord(this);
    }
  }

  /** Creates a task (e.g. "call the client back") for {@code assigneeUserId}. */
  record CreateTask(
      EffectKey key,
      String reason,
      Optional<EntityRef> target,
      long assigneeUserId,
      int taskTypeId,
      String text,
      Instant deadline)
      implements Effect {
    public static Builder builder() {
      return new Builder();
    }

    @Override
    public <R> R accept(EffectVisitor<R> v) {
      return v.createTask(this);
    }

    @Override
    public List<EntityRef> refs() {
      return target.map(List::of).orElse(List.of());
    }

    /** Builds a {@link CreateTask}; {@code target} defaults to empty (a task on no entity). */
    public static final class Builder {
      private EffectKey key;
      private String reason;
      private Optional<EntityRef> target = Optional.empty();
      private Long assigneeUserId;
      private Integer taskTypeId;
      private String text;
      private Instant deadline;

      private Builder() {}

      public Builder key(EffectKey key) {
        this.key = key;
        return this;
      }

      public Builder reason(String reason) {
        this.reason = reason;
        return this;
      }

      public Builder target(EntityRef target) {
        return target(Optional.of(target));
      }

      public Builder target(Optional<EntityRef> target) {
        this.target = target;
        return this;
      }

      public Builder assigneeUserId(long assigneeUserId) {
        this.assigneeUserId = assigneeUserId;
        return this;
      }

      public Builder taskTypeId(int taskTypeId) {
        this.taskTypeId = taskTypeId;
        return this;
      }

      public Builder text(String text) {
        this.text = text;
        return this;
      }

      public Builder deadline(Instant deadline) {
        this.deadline = deadline;
        return this;
      }

      /** @throws IllegalStateException naming every required field that was not set */
      public CreateTask build() {
        RequiredFields.of("CreateTask").check("key", key).check("reason", reason)
            .check("assigneeUserId", assigneeUserId).check("taskTypeId", taskTypeId)
            .check("text", text).check("deadline", deadline).throwIfMissing();
        return new CreateTask(key, reason, target, assigneeUserId, taskTypeId, text, deadline);
      }
    }
  }

  /**
   * Completes the open task {@code taskId} with {@code resultText} (R-LIFE: an answered call with
   * the client completes the call-back task the SDK created). Idempotent: completing a completed
   * task again changes nothing.
   */
  record CompleteTask(EffectKey key, String reason, long taskId, String resultText)
      implements Effect {
    public CompleteTask {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(resultText, "resultText");
      if (taskId <= 0) {
        throw new IllegalArgumentException("taskId: must be positive, got " + taskId);
      }
    }

    public static Builder builder() {
      return new Builder();
    }

    @Override
    public <R> R accept(EffectVisitor<R> v) {
      return v.completeTask(this);
    }

    /** Builds a {@link CompleteTask}; every field is required. */
    public static final class Builder {
      private EffectKey key;
      private String reason;
      private Long taskId;
      private String resultText;

      private Builder() {}

      public Builder key(EffectKey key) {
        this.key = key;
        return this;
      }

      public Builder reason(String reason) {
        this.reason = reason;
        return this;
      }

      public Builder taskId(long taskId) {
        this.taskId = taskId;
        return this;
      }

      public Builder resultText(String resultText) {
        this.resultText = resultText;
        return this;
      }

      /** @throws IllegalStateException naming every required field that was not set */
      public CompleteTask build() {
        RequiredFields.of("CompleteTask").check("key", key).check("reason", reason)
            .check("taskId", taskId).check("resultText", resultText).throwIfMissing();
        return new CompleteTask(key, reason, taskId, resultText);
      }
    }
  }

  /** Writes tracking data into custom fields and tags of an existing entity (R-V2, R-FIELDS). */
  record UpdateFields(
      EffectKey key, String reason, EntityRef target, List<FieldValue> fields, List<String> tags)
      implements Effect {
    public UpdateFields {
      fields = List.copyOf(fields);
      tags = List.copyOf(tags);
    }

    @Override
    public <R> R accept(EffectVisitor<R> v) {
      return v.updateFields(this);
    }

    @Override
    public List<EntityRef> refs() {
      return List.of(target);
    }
  }

  /** Shows amoCRM's incoming-call popup to {@code userIds} (empty: all users) while it rings. */
  record NotifyIncomingCall(EffectKey key, String reason, PhoneNumber phone, List<Long> userIds)
      implements Effect {
    public NotifyIncomingCall {
      Objects.requireNonNull(phone, "phone");
      userIds = List.copyOf(userIds);
    }

    @Override
    public <R> R accept(EffectVisitor<R> v) {
      return v.notifyIncomingCall(this);
    }
  }
}
