package io.ringostat.amo.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.plan.CallStatus;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EffectKind;
import io.ringostat.amo.core.plan.EntityRef;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.spi.CrmException;
import io.ringostat.amo.core.spi.CrmException.Kind;
import io.ringostat.amo.core.testing.FakeCrm;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.engine.journal.KnownEntity;
import io.ringostat.amo.engine.journal.RememberedTask;
import io.ringostat.amo.engine.testing.FakeAmoCrm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R-ONCE, the create protocol effect by effect: what reaches amoCRM (entities, their owners, how
 * many writes) and what the journal says afterwards, when answers are lost, unreadable or refused
 * and when an earlier attempt left an effect uncertain. Each case is one thing a user would see
 * twice, or not at all, if the protocol were wrong.
 */
class CreateProtocolTest {
  static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  static final PhoneNumber PHONE = new PhoneNumber("380441234567");
  static final long OLENA = 11;
  static final long IRYNA = 12;

  final FakeAmoCrm crm = new FakeAmoCrm(FakeAmoCrm.catalog(ZoneId.of("UTC"), OLENA, IRYNA));
  final InMemoryJournal journal = new InMemoryJournal();
  final List<String> wrote = new ArrayList<>();
  final PlanExecutor executor = new PlanExecutor(crm, journal, Clock.fixed(T0, ZoneOffset.UTC),
      wrote::add);

  // --- effects --------------------------------------------------------------------------------

  static EffectKey key(EffectKind kind, String target) {
    return EffectKey.of("c1", kind, target);
  }

  static Effect.CreateContact contact() {
    return Effect.CreateContact.builder().key(key(EffectKind.CREATE_CONTACT, "client"))
        .reason("test").name("Client").phone(PHONE).responsibleUserId(OLENA).build();
  }

  static Effect.CreateDeal dealOf(Effect.CreateContact c) {
    return dealOn(EntityRef.createdBy(EntityType.CONTACT, c.key()));
  }

  static Effect.CreateDeal dealOn(EntityRef contact) {
    return Effect.CreateDeal.builder().key(key(EffectKind.CREATE_DEAL, "deal")).reason("test")
        .name("Inbound call c1").contact(contact).responsibleUserId(IRYNA).build();
  }

  static Effect.RecordCall record(EntityRef target) {
    return Effect.RecordCall.builder().key(key(EffectKind.RECORD_CALL, target.type().name()))
        .reason("test").target(target).direction(CallDirection.INBOUND).uniq("c1").phone(PHONE)
        .duration(Duration.ofSeconds(60)).status(CallStatus.TALKED).result("")
        .responsibleUserId(OLENA).calledAt(T0).source("test").build();
  }

  static Effect.CreateTask task(Optional<EntityRef> target, long assignee, String text) {
    return Effect.CreateTask.builder().key(key(EffectKind.CREATE_TASK, text)).reason("test")
        .target(target).assigneeUserId(assignee).taskTypeId(1).text(text)
        .deadline(T0.plusSeconds(1800)).build();
  }

  static Effect.CreateUnsorted unsorted() {
    return Effect.CreateUnsorted.builder().key(key(EffectKind.CREATE_UNSORTED, "client"))
        .reason("test").callId("c1").phone(PHONE).calledAt(T0).duration(Duration.ofSeconds(20))
        .responsibleUserId(IRYNA).contactName("Client").dealName("Missed call c1")
        .source("test").build();
  }

  static Plan plan(Effect... effects) {
    return new Plan("c1", Optional.empty(), List.of(effects), List.of(), Optional.empty(),
        Optional.empty());
  }

  long seq() {
    CallEvent e = CallEvent.builder().callId("c1").phase(CallPhase.RINGING)
        .direction(CallDirection.INBOUND).clientPhone("+380441234567").startedAt(T0).build();
    return journal.append(e, PHONE.digits(), T0).entry().seq();
  }

  Execution run(Plan plan, Set<EffectKey> uncertain) {
    return executor.execute(seq(), plan, uncertain, Optional.of(PHONE));
  }

  List<FakeCrm.Contact> contacts() {
    return crm.crm(FakeCrm::contacts);
  }

  List<FakeCrm.Deal> deals() {
    return crm.crm(FakeCrm::deals);
  }

  static StepResult.Done done(StepResult r) {
    assertThat(r).isInstanceOf(StepResult.Done.class);
    return (StepResult.Done) r;
  }

  static Kind failedKind(StepResult r) {
    assertThat(r).isInstanceOf(StepResult.Failed.class);
    return ((StepResult.Failed) r).error().kind();
  }

  // --- contact and deal in one request ---------------------------------------------------------

  @Test
  @DisplayName("R-ONCE a contact and its deal: one request; owners, link, ids in the journal and"
      + " the phone's memory")
  void contactAndDealInOneRequest() {
    Effect.CreateContact c = contact();
    Effect.CreateDeal d = dealOf(c);

    Execution run = run(plan(c, d), Set.of());

    assertThat(run.isComplete()).isTrue();
    assertThat(crm.writes.get()).as("one complex request").isEqualTo(1);
    FakeCrm.Contact made = contacts().get(0);
    FakeCrm.Deal deal = deals().get(0);
    assertThat(made.responsibleUserId()).contains(OLENA);
    assertThat(deal.responsibleUserId()).contains(IRYNA);
    assertThat(deal.contactId()).contains(made.id());
    assertThat(done(run.results().get(0)).created()).isEqualTo(Map.of(EntityType.CONTACT,
        made.id()));
    assertThat(done(run.results().get(1)).created()).isEqualTo(Map.of(EntityType.DEAL,
        deal.id()));
    assertThat(done(run.results().get(0)).reconciled()).isFalse();
    assertThat(journal.progress("c1").createdByCall(EntityType.CONTACT)).contains(made.id());
    assertThat(journal.progress("c1").createdByCall(EntityType.DEAL)).contains(deal.id());
    assertThat(journal.uncertain("c1")).isEmpty();
    assertThat(journal.knownEntities(PHONE.digits(), T0.minusSeconds(60)))
        .containsExactlyInAnyOrder(
            new KnownEntity(EntityType.CONTACT, made.id(), Optional.of(OLENA), T0),
            new KnownEntity(EntityType.DEAL, deal.id(), Optional.of(IRYNA), T0));
    assertThat(wrote).containsOnly(PHONE.digits()).hasSize(2);
  }

  @Test
  @DisplayName("R-ONCE contact and deal uncertain and both in amoCRM: adopted, nothing sent")
  void uncertainComplexFoundIsAdopted() {
    Effect.CreateContact c = contact();
    Effect.CreateDeal d = dealOf(c);
    crm.next(FakeAmoCrm.Fault.loseAnswer());
    run(plan(c, d), Set.of()); // both acted; both checked, found
    long writes = crm.writes.get();

    Execution again = run(plan(c, d), Set.of(c.key(), d.key()));

    assertThat(crm.writes.get()).as("nothing sent again").isEqualTo(writes);
    assertThat(contacts()).hasSize(1);
    assertThat(deals()).hasSize(1);
    assertThat(done(again.results().get(0)).reconciled()).isTrue();
    assertThat(done(again.results().get(0)).created())
        .containsEntry(EntityType.CONTACT, contacts().get(0).id());
    assertThat(done(again.results().get(1)).created())
        .containsEntry(EntityType.DEAL, deals().get(0).id());
  }

  @Test
  @DisplayName("R-ONCE a lost answer of contact and deal: checked, found, not sent again")
  void lostComplexAnswerIsReconciled() {
    Effect.CreateContact c = contact();
    Effect.CreateDeal d = dealOf(c);
    crm.next(FakeAmoCrm.Fault.loseAnswer());

    Execution run = run(plan(c, d), Set.of());

    assertThat(run.isComplete()).isTrue();
    assertThat(crm.writes.get()).isEqualTo(1);
    assertThat(contacts()).hasSize(1);
    assertThat(deals()).hasSize(1);
    assertThat(run.done()).allMatch(StepResult.Done::reconciled);
    assertThat(journal.uncertain("c1")).isEmpty();
  }

  @Test
  @DisplayName("R-ONCE only the contact of a lost contact-and-deal is in amoCRM: the deal is made"
      + " for that contact alone")
  void onlyTheContactFoundThenTheDealAlone() {
    Effect.CreateContact c = contact();
    long existing = crm.crm(f -> f.addContact(PHONE, "Client", OLENA));

    Execution run = run(plan(c, dealOf(c)), Set.of(c.key()));

    assertThat(run.isComplete()).isTrue();
    assertThat(contacts()).hasSize(1);
    assertThat(deals()).singleElement().satisfies(x -> {
      assertThat(x.contactId()).contains(existing);
      assertThat(x.responsibleUserId()).contains(IRYNA);
    });
    assertThat(done(run.results().get(0)).reconciled()).isTrue();
    assertThat(done(run.results().get(1)).reconciled()).isFalse();
    assertThat(crm.writes.get()).as("the deal alone").isEqualTo(1);
  }

  @Test
  @DisplayName("R-ONCE an uncertain contact-and-deal that amoCRM never got: sent once")
  void uncertainComplexNotFoundIsSent() {
    Effect.CreateContact c = contact();
    Effect.CreateDeal d = dealOf(c);

    Execution run = run(plan(c, d), Set.of(d.key()));

    assertThat(run.isComplete()).isTrue();
    assertThat(run.done()).noneMatch(StepResult.Done::reconciled);
    assertThat(crm.writes.get()).isEqualTo(1);
    assertThat(contacts()).hasSize(1);
    assertThat(deals()).hasSize(1);
  }

  @Test
  @DisplayName("R-ONCE contact and deal answered unreadably: the ids are looked up, never sent"
      + " again")
  void unreadableComplexIsLookedUp() {
    Effect.CreateContact c = contact();
    Effect.CreateDeal d = dealOf(c);
    crm.next(FakeAmoCrm.Fault.unreadable());

    Execution run = run(plan(c, d), Set.of());

    assertThat(run.isComplete()).isTrue();
    assertThat(crm.writes.get()).isEqualTo(1);
    assertThat(done(run.results().get(0)).created())
        .containsEntry(EntityType.CONTACT, contacts().get(0).id());
    assertThat(done(run.results().get(1)).created())
        .containsEntry(EntityType.DEAL, deals().get(0).id());
    assertThat(run.done()).allMatch(StepResult.Done::reconciled);
  }

  @Test
  @DisplayName("R-ONCE contact and deal answered unreadably and not found: both fail"
      + " INVALID_RESPONSE, nothing sent again")
  void unreadableComplexNotFoundFails() {
    Effect.CreateContact c = contact();
    Effect.CreateDeal d = dealOf(c);
    crm.next(FakeAmoCrm.Fault.unreadable());
    crm.searchLags = true;

    Execution run = run(plan(c, d), Set.of());

    assertThat(failedKind(run.results().get(0))).isEqualTo(Kind.INVALID_RESPONSE);
    assertThat(failedKind(run.results().get(1))).isEqualTo(Kind.INVALID_RESPONSE);
    assertThat(crm.writes.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("R-ONCE contact and deal answered unreadably, only the contact found: the contact"
      + " is done, the deal fails INVALID_RESPONSE and is not sent again")
  void unreadableComplexOnlyContactFound() {
    long existing = crm.crm(f -> f.addContact(PHONE, "Client", OLENA));
    Effect.CreateContact c = contact();
    crm.next(FakeAmoCrm.Fault.failBefore(Kind.INVALID_RESPONSE));

    Execution run = run(plan(c, dealOf(c)), Set.of());

    assertThat(done(run.results().get(0)).created()).isEqualTo(Map.of(EntityType.CONTACT,
        existing));
    assertThat(done(run.results().get(0)).reconciled()).isTrue();
    assertThat(failedKind(run.results().get(1))).isEqualTo(Kind.INVALID_RESPONSE);
    assertThat(crm.writes.get()).isEqualTo(1);
    assertThat(deals()).isEmpty();
  }

  @Test
  @DisplayName("R-ONCE contact and deal unreadable and amoCRM cannot be checked: both fail with"
      + " the unreadable answer, nothing sent again")
  void unreadableComplexCheckFails() {
    Effect.CreateContact c = contact();
    crm.next(FakeAmoCrm.Fault.unreadable());
    PlanExecutor failingCheck = new PlanExecutor(failingOnce(crm, "findContact",
        new CrmException(Kind.TRANSIENT, "503")), journal, Clock.fixed(T0, ZoneOffset.UTC),
        wrote::add);

    Execution run = failingCheck.execute(seq(), plan(c, dealOf(c)), Set.of(), Optional.of(PHONE));

    assertThat(failedKind(run.results().get(0))).isEqualTo(Kind.INVALID_RESPONSE);
    assertThat(failedKind(run.results().get(1))).isEqualTo(Kind.INVALID_RESPONSE);
    assertThat(crm.writes.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("R-ONCE a contact alone answered unreadably and amoCRM cannot be checked: it fails"
      + " with the unreadable answer; after a lost answer: OUTCOME_UNKNOWN")
  void contactAloneCheckFails() {
    Effect.CreateContact c = contact();
    PlanExecutor failingCheck = new PlanExecutor(failingOnce(crm, "findContact",
        new CrmException(Kind.TRANSIENT, "503")), journal, Clock.fixed(T0, ZoneOffset.UTC),
        wrote::add);
    crm.next(FakeAmoCrm.Fault.unreadable());
    Execution unreadable = failingCheck.execute(seq(), plan(c), Set.of(), Optional.of(PHONE));
    assertThat(failedKind(unreadable.results().get(0))).isEqualTo(Kind.INVALID_RESPONSE);

    PlanExecutor failingAgain = new PlanExecutor(failingOnce(crm, "findContact",
        new CrmException(Kind.TRANSIENT, "503")), journal, Clock.fixed(T0, ZoneOffset.UTC),
        wrote::add);
    crm.next(FakeAmoCrm.Fault.loseAnswer());
    Execution lost = failingAgain.execute(seq(), plan(c), Set.of(), Optional.of(PHONE));
    assertThat(failedKind(lost.results().get(0))).isEqualTo(Kind.OUTCOME_UNKNOWN);
    assertThat(((StepResult.Failed) lost.results().get(0)).error().getMessage())
        .contains("amoCRM could not be checked (TRANSIENT: 503)");
    assertThat(crm.writes.get()).isEqualTo(2);
  }

  /** {@code amo} whose first call of {@code method} throws {@code x}. */
  static io.ringostat.amo.core.spi.AmoCrm failingOnce(io.ringostat.amo.core.spi.AmoCrm amo,
      String method, RuntimeException x) {
    java.util.concurrent.atomic.AtomicBoolean thrown =
        new java.util.concurrent.atomic.AtomicBoolean();
    return (io.ringostat.amo.core.spi.AmoCrm) java.lang.reflect.Proxy.newProxyInstance(
        CreateProtocolTest.class.getClassLoader(),
        new Class<?>[] {io.ringostat.amo.core.spi.AmoCrm.class}, (proxy, m, args) -> {
          if (m.getName().equals(method) && thrown.compareAndSet(false, true)) {
            throw x;
          }
          try {
            return m.invoke(amo, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  @DisplayName("R-ONCE a refused contact-and-deal fails REJECTED, a failure before acting fails"
      + " with its kind; nothing is made")
  void refusedComplexFails() {
    Effect.CreateContact c = contact();
    crm.next(FakeAmoCrm.Fault.failBefore(Kind.TRANSIENT));

    Execution run = run(plan(c, dealOf(c)), Set.of());

    assertThat(failedKind(run.results().get(0))).isEqualTo(Kind.TRANSIENT);
    assertThat(failedKind(run.results().get(1))).isEqualTo(Kind.TRANSIENT);
    assertThat(contacts()).isEmpty();
    assertThat(crm.writes.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("R-ONCE contact and deal: outcome unknown twice without acting: checked, sent once"
      + " more, then failed OUTCOME_UNKNOWN and left uncertain")
  void complexUnknownTwice() {
    Effect.CreateContact c = contact();
    Effect.CreateDeal d = dealOf(c);
    crm.next(FakeAmoCrm.Fault.failBefore(Kind.OUTCOME_UNKNOWN));
    crm.next(FakeAmoCrm.Fault.failBefore(Kind.OUTCOME_UNKNOWN));

    Execution run = run(plan(c, d), Set.of());

    assertThat(crm.writes.get()).isEqualTo(2);
    assertThat(failedKind(run.results().get(0))).isEqualTo(Kind.OUTCOME_UNKNOWN);
    assertThat(journal.uncertain("c1")).containsExactlyInAnyOrder(c.key(), d.key());
    assertThat(contacts()).isEmpty();
  }

  @Test
  @DisplayName("R-ONCE contact and deal: outcome unknown once without acting: checked, not found,"
      + " sent again and made once")
  void complexUnknownOnceThenSent() {
    Effect.CreateContact c = contact();
    crm.next(FakeAmoCrm.Fault.failBefore(Kind.OUTCOME_UNKNOWN));

    Execution run = run(plan(c, dealOf(c)), Set.of());

    assertThat(run.isComplete()).isTrue();
    assertThat(crm.writes.get()).isEqualTo(2);
    assertThat(contacts()).hasSize(1);
    assertThat(deals()).hasSize(1);
  }

  @Test
  @DisplayName("R-ONCE an uncertain contact-and-deal whose check fails: both fail OUTCOME_UNKNOWN,"
      + " nothing sent")
  void uncertainComplexCheckFails() {
    Effect.CreateContact c = contact();
    Effect.CreateDeal d = dealOf(c);
    crm.failNext(new CrmException(Kind.TRANSIENT, "503"));

    Execution run = run(plan(c, d), Set.of(c.key()));

    assertThat(failedKind(run.results().get(0))).isEqualTo(Kind.OUTCOME_UNKNOWN);
    assertThat(failedKind(run.results().get(1))).isEqualTo(Kind.OUTCOME_UNKNOWN);
    assertThat(crm.writes.get()).isZero();
    assertThat(journal.uncertain("c1")).isEmpty(); // never marked sending in this run
  }

  @Test
  @DisplayName("R-ONCE a check refused for the token stops everything: AUTHENTICATION, not"
      + " OUTCOME_UNKNOWN")
  void checkFailingForTheTokenStops() {
    Effect.CreateContact c = contact();
    Effect.CreateDeal d = dealOf(c);
    Effect.RecordCall r = record(EntityRef.createdBy(EntityType.CONTACT, c.key()));
    crm.failNext(new CrmException(Kind.AUTHENTICATION, "401"));

    Execution run = run(plan(c, d, r), Set.of(c.key()));

    assertThat(failedKind(run.results().get(0))).isEqualTo(Kind.AUTHENTICATION);
    assertThat(run.results().get(2)).isInstanceOf(StepResult.Skipped.class);
    assertThat(((StepResult.Skipped) run.results().get(2)).reason())
        .contains("stopped after AUTHENTICATION");
  }

  // --- creates on their own --------------------------------------------------------------------

  @Test
  @DisplayName("R-ONCE a contact alone, lost answer: checked by phone and name, found, once")
  void contactAloneLostAnswer() {
    Effect.CreateContact c = contact();
    crm.next(FakeAmoCrm.Fault.loseAnswer());

    Execution run = run(plan(c), Set.of());

    assertThat(run.isComplete()).isTrue();
    assertThat(contacts()).hasSize(1);
    assertThat(done(run.results().get(0)).created())
        .isEqualTo(Map.of(EntityType.CONTACT, contacts().get(0).id()));
    assertThat(done(run.results().get(0)).reconciled()).isTrue();
    assertThat(crm.writes.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("R-ONCE an uncertain contact alone found in amoCRM: adopted; not found: sent")
  void contactAloneUncertain() {
    Effect.CreateContact c = contact();
    Execution notFound = run(plan(c), Set.of(c.key()));
    assertThat(done(notFound.results().get(0)).reconciled()).isFalse();
    assertThat(crm.writes.get()).isEqualTo(1);

    Execution found = run(plan(c), Set.of(c.key()));

    assertThat(done(found.results().get(0)).reconciled()).isTrue();
    assertThat(crm.writes.get()).isEqualTo(1);
    assertThat(contacts()).hasSize(1);
  }

  @Test
  @DisplayName("R-ONCE a deal on an existing contact, lost answer: found by name on the contact")
  void dealOnExistingContactLostAnswer() {
    long existing = crm.crm(f -> f.addContact(PHONE, "Client", OLENA));
    Effect.CreateDeal d = dealOn(EntityRef.existing(EntityType.CONTACT, existing));
    crm.next(FakeAmoCrm.Fault.loseAnswer());

    Execution run = run(plan(d), Set.of());

    assertThat(run.isComplete()).isTrue();
    assertThat(deals()).singleElement().satisfies(x -> {
      assertThat(x.contactId()).contains(existing);
      assertThat(done(run.results().get(0)).created()).isEqualTo(Map.of(EntityType.DEAL,
          x.id()));
    });
    assertThat(done(run.results().get(0)).reconciled()).isTrue();
    assertThat(journal.knownEntities(PHONE.digits(), T0.minusSeconds(1)))
        .contains(new KnownEntity(EntityType.DEAL, deals().get(0).id(), Optional.of(IRYNA), T0));
  }

  @Test
  @DisplayName("R-ONCE a deal without a contact whose answer was lost cannot be looked for: it"
      + " fails OUTCOME_UNKNOWN and stays uncertain")
  void dealWithoutContactLostAnswer() {
    Effect.CreateDeal d = Effect.CreateDeal.builder().key(key(EffectKind.CREATE_DEAL, "deal"))
        .reason("test").name("Outbound call c1").responsibleUserId(IRYNA).build();
    crm.next(FakeAmoCrm.Fault.loseAnswer());

    Execution run = run(plan(d), Set.of());

    assertThat(failedKind(run.results().get(0))).isEqualTo(Kind.OUTCOME_UNKNOWN);
    assertThat(crm.writes.get()).isEqualTo(1);
    assertThat(journal.uncertain("c1")).containsExactly(d.key());
  }

  @Test
  @DisplayName("R-UNS R-ONCE an unsorted request, lost answer: found by uniq with its deal and"
      + " contact, remembered for the phone")
  void unsortedLostAnswer() {
    Effect.CreateUnsorted u = unsorted();
    crm.next(FakeAmoCrm.Fault.loseAnswer());

    Execution run = run(plan(u), Set.of());

    FakeCrm.Unsorted made = crm.crm(FakeCrm::unsorted).get(0);
    assertThat(crm.crm(FakeCrm::unsorted)).hasSize(1);
    assertThat(done(run.results().get(0)).created()).isEqualTo(Map.of(
        EntityType.DEAL, made.leadId().orElseThrow(),
        EntityType.CONTACT, made.contactId().orElseThrow()));
    assertThat(done(run.results().get(0)).reconciled()).isTrue();
    assertThat(journal.knownEntities(PHONE.digits(), T0.minusSeconds(1)))
        .extracting(KnownEntity::type, KnownEntity::responsibleUserId)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(EntityType.DEAL, Optional.of(IRYNA)),
            org.assertj.core.groups.Tuple.tuple(EntityType.CONTACT, Optional.of(IRYNA)));
  }

  @Test
  @DisplayName("R-UNS an unsorted request sent: its deal and contact ids reported")
  void unsortedSent() {
    Execution run = run(plan(unsorted()), Set.of());

    FakeCrm.Unsorted made = crm.crm(FakeCrm::unsorted).get(0);
    assertThat(done(run.results().get(0)).created()).isEqualTo(Map.of(
        EntityType.DEAL, made.leadId().orElseThrow(),
        EntityType.CONTACT, made.contactId().orElseThrow()));
    assertThat(done(run.results().get(0)).reconciled()).isFalse();
  }

  // --- call records and tasks ------------------------------------------------------------------

  @Test
  @DisplayName("R-ONCE call records on two entity types: one request per type; a lost answer is"
      + " checked by uniq and not sent again")
  void recordsPerEntityType() {
    long contactId = crm.crm(f -> f.addContact(PHONE, "Client", OLENA));
    long dealId = crm.crm(f -> f.addDeal(contactId, FakeCrm.MAIN_PIPELINE, 1, OLENA));
    Effect.RecordCall onContact = record(EntityRef.existing(EntityType.CONTACT, contactId));
    Effect.RecordCall onDeal = record(EntityRef.existing(EntityType.DEAL, dealId));
    crm.next(FakeAmoCrm.Fault.loseAnswer());

    Execution run = run(plan(onContact, onDeal), Set.of());

    assertThat(run.isComplete()).isTrue();
    assertThat(crm.writes.get()).as("one request per entity type").isEqualTo(2);
    assertThat(crm.records()).extracting(FakeCrm.CallRecord::entityType,
        FakeCrm.CallRecord::entityId).containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(EntityType.CONTACT, contactId),
            org.assertj.core.groups.Tuple.tuple(EntityType.DEAL, dealId));
    assertThat(done(run.results().get(0)).reconciled()).isTrue();
    assertThat(done(run.results().get(1)).reconciled()).isFalse();
  }

  @Test
  @DisplayName("R-ONCE an uncertain call record not in amoCRM is sent; one already there is not")
  void uncertainRecord() {
    long contactId = crm.crm(f -> f.addContact(PHONE, "Client", OLENA));
    Effect.RecordCall r = record(EntityRef.existing(EntityType.CONTACT, contactId));

    run(plan(r), Set.of(r.key()));
    Execution again = run(plan(r), Set.of(r.key()));

    assertThat(crm.records()).hasSize(1);
    assertThat(crm.writes.get()).isEqualTo(1);
    assertThat(done(again.results().get(0)).reconciled()).isTrue();
  }

  @Test
  @DisplayName("R-ONCE R-LIFE tasks, lost answer: found by owner, entity, text and deadline; the"
      + " journal remembers the open task")
  void tasksLostAnswer() {
    long contactId = crm.crm(f -> f.addContact(PHONE, "Client", OLENA));
    Effect.CreateTask a = task(Optional.of(EntityRef.existing(EntityType.CONTACT, contactId)),
        OLENA, "Call the client back");
    Effect.CreateTask b = task(Optional.empty(), IRYNA, "Check the missed call");
    crm.next(FakeAmoCrm.Fault.loseAnswer());

    Execution run = run(plan(a, b), Set.of());

    assertThat(run.isComplete()).isTrue();
    assertThat(crm.tasks()).hasSize(2);
    assertThat(crm.writes.get()).isEqualTo(1);
    assertThat(run.done()).allMatch(StepResult.Done::reconciled);
    assertThat(journal.openTasks(PHONE.digits()))
        .extracting(RememberedTask::assigneeUserId, RememberedTask::entityId,
            RememberedTask::entityType, RememberedTask::deadline)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(OLENA, Optional.of(contactId),
                Optional.of(EntityType.CONTACT), T0.plusSeconds(1800)),
            org.assertj.core.groups.Tuple.tuple(IRYNA, Optional.empty(), Optional.empty(),
                T0.plusSeconds(1800)));
  }

  @Test
  @DisplayName("R-LIFE tasks sent: each created task is remembered with its amoCRM id, owner and"
      + " entity")
  void tasksRemembered() {
    long contactId = crm.crm(f -> f.addContact(PHONE, "Client", OLENA));
    Effect.CreateTask a = task(Optional.of(EntityRef.existing(EntityType.CONTACT, contactId)),
        OLENA, "Call the client back");

    run(plan(a), Set.of());

    FakeCrm.Task made = crm.tasks().get(0);
    assertThat(journal.openTasks(PHONE.digits())).singleElement().satisfies(t -> {
      assertThat(t.id()).isEqualTo(made.id());
      assertThat(t.assigneeUserId()).isEqualTo(OLENA);
      assertThat(t.entityId()).contains(contactId);
      assertThat(t.entityType()).contains(EntityType.CONTACT);
      assertThat(t.template()).isEqualTo(a.key().target());
    });
  }

  @Test
  @DisplayName("R-ONCE an uncertain task whose text differs from what amoCRM holds is sent")
  void uncertainTaskWithOtherTextIsSent() {
    Effect.CreateTask first = task(Optional.empty(), OLENA, "Call back");
    run(plan(first), Set.of());
    Effect.CreateTask other = Effect.CreateTask.builder().key(first.key()).reason("test")
        .assigneeUserId(OLENA).taskTypeId(1).text("Another text")
        .deadline(first.deadline()).build();
    Effect.CreateTask later = Effect.CreateTask.builder().key(first.key()).reason("test")
        .assigneeUserId(OLENA).taskTypeId(1).text("Call back")
        .deadline(first.deadline().plusSeconds(60)).build();

    run(plan(other), Set.of(other.key()));
    run(plan(later), Set.of(later.key()));

    assertThat(crm.tasks()).extracting(FakeCrm.Task::text, FakeCrm.Task::deadline)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Call back", T0.plusSeconds(1800)),
            org.assertj.core.groups.Tuple.tuple("Another text", T0.plusSeconds(1800)),
            org.assertj.core.groups.Tuple.tuple("Call back", T0.plusSeconds(1860)));
  }

  // --- dependencies -----------------------------------------------------------------------------

  @Test
  @DisplayName("R-ONCE effects on a contact whose creation failed are skipped, naming why; the"
      + " rest of the plan goes on")
  void dependentsOfAFailedCreateAreSkipped() {
    Effect.CreateContact c = contact();
    EntityRef mine = EntityRef.createdBy(EntityType.CONTACT, c.key());
    Effect.RecordCall r = record(mine);
    Effect.CreateTask free = task(Optional.empty(), IRYNA, "Check the missed call");
    crm.next(FakeAmoCrm.Fault.reject(Set.of(c.key().value())));

    Execution run = run(plan(c, r, free), Set.of());

    assertThat(failedKind(run.results().get(0))).isEqualTo(Kind.REJECTED);
    assertThat(((StepResult.Skipped) run.results().get(1)).reason())
        .isEqualTo("depends on " + c.key() + ", which failed");
    assertThat(run.results().get(2)).isInstanceOf(StepResult.Done.class);
    assertThat(crm.tasks()).hasSize(1);
  }

  @Test
  @DisplayName("R-ONCE an effect on an entity its creator did not report is skipped")
  void dependentOfAnEffectWithoutThatIdIsSkipped() {
    Effect.CreateContact c = contact();
    EntityRef aDeal = EntityRef.createdBy(EntityType.DEAL, c.key()); // a contact makes no deal
    Effect.RecordCall r = record(aDeal);

    Execution run = run(plan(c, r), Set.of());

    assertThat(run.results().get(0)).isInstanceOf(StepResult.Done.class);
    assertThat(((StepResult.Skipped) run.results().get(1)).reason())
        .isEqualTo("depends on " + c.key() + ", which reported no deal id");
    assertThat(crm.records()).isEmpty();
  }

  @Test
  @DisplayName("R-ONCE an effect on an entity whose creator was skipped is not carried out")
  void dependentOfASkippedEffectIsSkipped() {
    Effect.CreateContact c = contact();
    Effect.CreateDeal first = dealOf(c);
    Effect.CreateDeal second = Effect.CreateDeal.builder().key(key(EffectKind.CREATE_DEAL, "two"))
        .reason("test").name("Second").contact(EntityRef.createdBy(EntityType.CONTACT, c.key()))
        .responsibleUserId(IRYNA).build();
    Effect.RecordCall r = record(EntityRef.createdBy(EntityType.DEAL, second.key()));
    crm.next(FakeAmoCrm.Fault.reject(Set.of(c.key().value(), first.key().value())));

    Execution run = run(plan(c, first, second, r), Set.of());

    assertThat(failedKind(run.results().get(0))).isEqualTo(Kind.REJECTED);
    assertThat(failedKind(run.results().get(1))).isEqualTo(Kind.REJECTED);
    assertThat(((StepResult.Skipped) run.results().get(2)).reason())
        .isEqualTo("depends on " + c.key() + ", which failed");
    assertThat(((StepResult.Skipped) run.results().get(3)).reason())
        .isEqualTo("depends on " + second.key() + ", which was not carried out");
    assertThat(crm.writes.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("R-PAUSE ACCOUNT_BLOCKED stops the plan: everything after it is skipped")
  void blockedAccountStops() {
    Effect.CreateTask a = task(Optional.empty(), OLENA, "one");
    Effect.NotifyIncomingCall n = new Effect.NotifyIncomingCall(
        key(EffectKind.NOTIFY, ""), "test", PHONE, List.of());
    crm.next(FakeAmoCrm.Fault.failBefore(Kind.ACCOUNT_BLOCKED));

    Execution run = run(plan(a, n), Set.of());

    assertThat(failedKind(run.results().get(0))).isEqualTo(Kind.ACCOUNT_BLOCKED);
    assertThat(((StepResult.Skipped) run.results().get(1)).reason())
        .isEqualTo("not attempted: execution stopped after ACCOUNT_BLOCKED");
    assertThat(crm.writes.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("R-V2 a field update on a created deal goes to that deal; a failed update fails,"
      + " and is never checked")
  void updatesAndPopups() {
    long contactId = crm.crm(f -> f.addContact(PHONE, "Client", OLENA));
    Effect.UpdateFields u = new Effect.UpdateFields(key(EffectKind.UPDATE_FIELDS, "contact"),
        "test", EntityRef.existing(EntityType.CONTACT, contactId), List.of(), List.of("ringostat"));
    Effect.NotifyIncomingCall n = new Effect.NotifyIncomingCall(
        key(EffectKind.NOTIFY, ""), "test", PHONE, List.of(OLENA));

    Execution ok = run(plan(u, n), Set.of());

    assertThat(ok.isComplete()).isTrue();
    assertThat(crm.crm(f -> f.contact(contactId)).orElseThrow().tags()).contains("ringostat");
    assertThat(crm.crm(FakeCrm::notifications)).hasSize(1);

    crm.next(FakeAmoCrm.Fault.failBefore(Kind.TRANSIENT));
    Execution failed = run(plan(u), Set.of(u.key()));
    assertThat(failedKind(failed.results().get(0))).isEqualTo(Kind.TRANSIENT);
  }

  @Test
  @DisplayName("R-LIFE a completion that fails leaves the task open in the journal")
  void failedCompletionKeepsTheTaskOpen() {
    Effect.CreateTask a = task(Optional.empty(), OLENA, "Call back");
    run(plan(a), Set.of());
    long id = crm.tasks().get(0).id();
    Effect.CompleteTask done = Effect.CompleteTask.builder()
        .key(EffectKey.of("c1", EffectKind.COMPLETE_TASK, Long.toString(id))).reason("answered")
        .taskId(id).resultText("Called back").build();
    crm.next(FakeAmoCrm.Fault.failBefore(Kind.TRANSIENT));

    run(plan(done), Set.of());
    assertThat(journal.openTasks(PHONE.digits())).extracting(RememberedTask::id)
        .containsExactly(id);

    run(plan(done), Set.of());
    assertThat(journal.openTasks(PHONE.digits())).isEmpty();
  }

  @Test
  @DisplayName("R-ONCE without a phone nothing is remembered and no cache is told")
  void withoutAPhoneNothingIsRemembered() {
    Effect.CreateContact c = contact();

    executor.execute(seq(), plan(c), Set.of(), Optional.empty());

    assertThat(contacts()).hasSize(1);
    assertThat(journal.knownEntities(PHONE.digits(), T0.minusSeconds(60))).isEmpty();
    assertThat(wrote).isEmpty();
  }
}
