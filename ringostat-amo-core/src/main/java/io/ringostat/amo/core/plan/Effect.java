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

    @Override
    public <R> R accept(EffectVisitor<R> v) {
      return v.createContact(this);
    }

    @Override
    public List<EntityType> creates() {
      return List.of(EntityType.CONTACT);
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

    @Override
    public <R> R accept(EffectVisitor<R> v) {
      return v.createUnsorted(this);
    }

    @Override
    public List<EntityType> creates() {
      return List.of(EntityType.DEAL, EntityType.CONTACT);
    }
  }

  /**
   * Records the call on one entity (a {@code call_in}/{@code call_out} record), with {@code
   * uniq} = the call id. {@code result} names who answered when it was not the responsible
   * manager; {@code source} is the integration's name on the record (the settings' {@code
   * sourceName}).
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
      String source)
      implements Effect {
    @Override
    public <R> R accept(EffectVisitor<R> v) {
      return v.recordCall(this);
    }

    @Override
    public List<EntityRef> refs() {
      return List.of(target);
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
    @Override
    public <R> R accept(EffectVisitor<R> v) {
      return v.createTask(this);
    }

    @Override
    public List<EntityRef> refs() {
      return target.map(List::of).orElse(List.of());
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
