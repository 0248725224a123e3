package io.ringostat.amo.testkit.internal;

import io.ringostat.amo.testkit.StoredCallEvent;
import io.ringostat.amo.testkit.StoredCompany;
import io.ringostat.amo.testkit.StoredContact;
import io.ringostat.amo.testkit.StoredDeal;
import io.ringostat.amo.testkit.StoredField;
import io.ringostat.amo.testkit.StoredFieldValue;
import io.ringostat.amo.testkit.StoredNote;
import io.ringostat.amo.testkit.StoredTask;
import io.ringostat.amo.testkit.StoredUnsorted;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Turns mutable entities into immutable public snapshots. Called under the state lock. */
final class Snapshots {
  private final Store store;

  Snapshots(Store store) {
    this.store = store;
  }

  private static Instant at(long seconds) {
    return Instant.ofEpochSecond(seconds);
  }

  private static List<StoredField> fields(CrmEntity e) {
    return e.fields.stream()
        .map(
            f ->
                new StoredField(
                    f.def().id(),
                    f.def().name(),
                    Optional.ofNullable(f.def().code()),
                    f.def().type(),
                    f.items().stream()
                        .map(
                            i ->
                                new StoredFieldValue(
                                    i.value(),
                                    Optional.ofNullable(i.enumId()),
                                    Optional.ofNullable(i.enumCode())))
                        .toList()))
        .toList();
  }

  private static List<String> tags(CrmEntity e) {
    return e.tags.stream().map(Tag::name).toList();
  }

  StoredContact contact(ContactEntity c) {
    return new StoredContact(
        c.id,
        c.name,
        c.firstName,
        c.lastName,
        c.responsibleUserId,
        c.createdBy,
        at(c.createdAt),
        at(c.updatedAt),
        fields(c),
        tags(c),
        Optional.ofNullable(c.companyId),
        c.unsorted);
  }

  StoredDeal deal(LeadEntity l) {
    return new StoredDeal(
        l.id,
        l.name,
        l.price,
        l.responsibleUserId,
        l.pipelineId,
        l.statusId,
        l.createdBy,
        at(l.createdAt),
        at(l.updatedAt),
        Optional.ofNullable(l.closedAt).map(Instant::ofEpochSecond),
        fields(l),
        tags(l),
        l.contactIds,
        Optional.ofNullable(l.companyId),
        store.pendingUnsortedOfLead(l.id).isPresent());
  }

  StoredCompany company(CompanyEntity c) {
    return new StoredCompany(c.id, c.name, c.responsibleUserId, fields(c), tags(c));
  }

  StoredNote note(NoteEntity n) {
    return new StoredNote(
        n.id,
        n.entityType,
        n.entityId,
        n.noteType,
        n.createdBy,
        n.responsibleUserId,
        at(n.createdAt),
        Json.toMap(n.params),
        at(n.updatedAt),
        n.edits);
  }

  StoredTask task(TaskEntity t) {
    return new StoredTask(
        t.id,
        t.text,
        at(t.completeTill),
        t.responsibleUserId,
        Optional.ofNullable(t.entityType),
        Optional.ofNullable(t.entityId),
        t.taskTypeId,
        t.completed,
        Optional.ofNullable(t.resultText),
        t.createdBy,
        at(t.createdAt));
  }

  StoredUnsorted unsorted(UnsortedEntity u) {
    return new StoredUnsorted(
        u.uid,
        Optional.ofNullable(u.sourceUid),
        Optional.ofNullable(u.sourceName),
        u.category,
        u.pipelineId,
        at(u.createdAt),
        Json.toMap(u.metadata),
        u.leadId,
        Optional.ofNullable(u.contactId),
        StoredUnsorted.State.valueOf(u.state.name()),
        Optional.ofNullable(u.decidedBy));
  }

  StoredCallEvent callEvent(CallEventEntity e) {
    return new StoredCallEvent(
        e.uid(),
        e.phoneNumber(),
        e.users(),
        Optional.ofNullable(e.elementId()),
        Optional.ofNullable(e.elementType()),
        at(e.createdAt()));
  }
}
