package io.ringostat.amo.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.matrix.Scenario;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.testing.Covers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The plan and the call's progress as the engine relies on them (R-ONCE): a plan never refers
 * forward and never repeats a key; progress knows what each done effect created and which
 * creations are uncertain.
 */
class PlanValuesTest {
  static final PhoneNumber PHONE = new PhoneNumber("380441234567");
  static final EffectKey CONTACT = EffectKey.of("c1", EffectKind.CREATE_CONTACT, "client");
  static final EffectKey DEAL = EffectKey.of("c1", EffectKind.CREATE_DEAL);
  static final EffectKey RECORD = EffectKey.of("c1", EffectKind.RECORD_CALL, "deal");
  static final EffectKey TASK = EffectKey.of("c1", EffectKind.CREATE_TASK, "missed-call");

  static Effect.CreateContact contact(EffectKey key) {
    return Effect.CreateContact.builder().key(key).reason("r").name("Client").phone(PHONE)
        .responsibleUserId(1).build();
  }

  static Effect.CreateDeal deal(EffectKey key, EffectKey contact) {
    return Effect.CreateDeal.builder().key(key).reason("r").name("Deal")
        .contact(EntityRef.createdBy(EntityType.CONTACT, contact)).responsibleUserId(1).build();
  }

  static Effect.RecordCall record(EffectKey key, EntityRef target) {
    return Effect.RecordCall.builder().key(key).reason("r").target(target)
        .direction(CallDirection.INBOUND).uniq("c1").phone(PHONE).duration(Duration.ZERO)
        .status(CallStatus.TALKED).result("").responsibleUserId(1)
        .calledAt(Instant.EPOCH).source("s").build();
  }

  static Plan plan(Effect... effects) {
    return new Plan("c1", Optional.empty(), List.of(effects), List.of("a", "b"), Optional.empty(),
        Optional.empty());
  }

  @Covers("R-ONCE")
  @Test
  @DisplayName("R-ONCE a plan refers only to entities of earlier effects")
  void referencesGoBackwardsOnly() {
    Effect.CreateContact c = contact(CONTACT);
    Effect.CreateDeal d = deal(DEAL, CONTACT);
    Effect.RecordCall r = record(RECORD, EntityRef.createdBy(EntityType.DEAL, DEAL));

    assertThat(plan(c, d, r).effects()).containsExactly(c, d, r);
    assertThatThrownBy(() -> plan(d, c)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("c1/create-deal refers to c1/create-contact/client, which is not an earlier"
            + " effect");
    assertThatThrownBy(() -> plan(c, r, d)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("c1/record-call/deal refers to c1/create-deal");
    assertThatThrownBy(() -> plan(deal(DEAL, DEAL))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("which is not an earlier effect");
    assertThat(plan(record(RECORD, EntityRef.existing(EntityType.DEAL, 7))).effects()).hasSize(1);
  }

  @Covers("R-ONCE")
  @Test
  @DisplayName("R-ONCE no two effects of a plan share a key")
  void keysAreUnique() {
    assertThatThrownBy(() -> plan(contact(CONTACT), contact(CONTACT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duplicate effect key c1/create-contact/client");
    assertThatThrownBy(() -> plan(contact(CONTACT), contact(DEAL), contact(CONTACT)))
        .hasMessage("duplicate effect key c1/create-contact/client");
    assertThat(plan(contact(CONTACT), contact(EffectKey.of("c1", EffectKind.CREATE_CONTACT, "b")))
        .effects()).hasSize(2);
  }

  @Covers("R-MATRIX")
  @Test
  @DisplayName("R-MATRIX a plan has effects or a reason to do nothing, never both or neither")
  void effectsOrNothing() {
    assertThatThrownBy(() -> new Plan("c1", Optional.empty(), List.of(), List.of(),
        Optional.empty(), Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Plan("c1", Optional.empty(), List.of(contact(CONTACT)),
        List.of(), Optional.of(NoAction.ALREADY_DONE), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    Plan nothing = Plan.nothing("c1", Optional.of(Scenario.INBOUND_MISSED_NEW),
        NoAction.ALREADY_DONE, List.of("why"));
    assertThat(nothing.isEmpty()).isTrue();
    assertThat(nothing.noAction()).contains(NoAction.ALREADY_DONE);
    assertThat(nothing.explain()).isEqualTo("why");
    Plan some = Plan.of("c1", Scenario.INBOUND_MISSED_NEW, List.of(contact(CONTACT)),
        List.of("one", "two"));
    assertThat(some.isEmpty()).isFalse();
    assertThat(some.explain()).isEqualTo("one\ntwo");
    assertThat(some.retryLookupAfter()).isEmpty();
    Plan retry = some.withRetryLookupAfter(Duration.ofSeconds(5));
    assertThat(retry.retryLookupAfter()).contains(Duration.ofSeconds(5));
    assertThat(retry.effects()).isEqualTo(some.effects());
    assertThat(retry.scenario()).contains(Scenario.INBOUND_MISSED_NEW);
    assertThat(retry.explanation()).containsExactly("one", "two");
  }

  @Test
  @DisplayName("R-ONCE a plan's effects of one type, in plan order")
  void effectsOfAType() {
    Effect.CreateContact a = contact(CONTACT);
    Effect.CreateContact b = contact(EffectKey.of("c1", EffectKind.CREATE_CONTACT, "b"));
    Effect.CreateDeal d = deal(DEAL, CONTACT);
    Plan p = plan(a, d, b);
    assertThat(p.effects(Effect.CreateContact.class)).containsExactly(a, b);
    assertThat(p.effects(Effect.CreateDeal.class)).containsExactly(d);
    assertThat(p.effects(Effect.CreateTask.class)).isEmpty();
  }

  @Covers("R-ONCE")
  @Test
  @DisplayName("R-ONCE progress: what each done effect created, the call's first entity of a type")
  void progressKnowsWhatWasCreated() {
    CallProgress empty = CallProgress.empty();
    assertThat(empty.isEmpty()).isTrue();
    assertThat(empty.createdByCall(EntityType.CONTACT)).isEmpty();
    assertThat(empty.isDone(CONTACT)).isFalse();

    CallProgress p = empty.with(RECORD, Map.of())
        .with(CONTACT, Map.of(EntityType.CONTACT, 10L))
        .with(DEAL, Map.of(EntityType.DEAL, 20L));
    assertThat(p.isEmpty()).isFalse();
    assertThat(p.isDone(CONTACT)).isTrue();
    assertThat(p.isDone(TASK)).isFalse();
    assertThat(p.created(CONTACT, EntityType.CONTACT)).contains(10L);
    assertThat(p.created(CONTACT, EntityType.DEAL)).isEmpty();
    assertThat(p.created(TASK, EntityType.DEAL)).isEmpty();
    assertThat(p.createdByCall(EntityType.CONTACT)).contains(10L);
    assertThat(p.createdByCall(EntityType.DEAL)).contains(20L);
    assertThat(p.createdByCall(EntityType.COMPANY)).isEmpty();
    assertThat(p.done().keySet()).containsExactly(RECORD, CONTACT, DEAL);
    assertThat(empty.isEmpty()).as("with() copies").isTrue();

    CallProgress unsorted = CallProgress.of(Map.of(
        EffectKey.of("c1", EffectKind.CREATE_UNSORTED, "client"),
        Map.of(EntityType.DEAL, 5L, EntityType.CONTACT, 6L)));
    assertThat(unsorted.createdByCall(EntityType.CONTACT)).contains(6L);
    assertThat(unsorted.createdByCall(EntityType.DEAL)).contains(5L);
    assertThat(p).isEqualTo(CallProgress.of(p.done())).hasSameHashCodeAs(CallProgress.of(p.done()));
    assertThat(p).isNotEqualTo(empty);
  }

  @Covers("R-ONCE")
  @Test
  @DisplayName("R-ONCE progress: only uncertain creations of a contact, deal or request make the"
      + " client's scenario uncertain; a done effect is never uncertain")
  void uncertainCreations() {
    CallProgress p = CallProgress.empty().with(CONTACT, Map.of(EntityType.CONTACT, 10L));
    assertThat(p.hasUncertainCreation()).isFalse();
    assertThat(p.withUncertain(Set.of(CONTACT)).uncertain()).as("done: not uncertain").isEmpty();
    assertThat(p.withUncertain(Set.of(CONTACT)).hasUncertainCreation()).isFalse();
    assertThat(p.withUncertain(Set.of(RECORD, TASK)).hasUncertainCreation()).isFalse();
    assertThat(p.withUncertain(Set.of(RECORD, TASK)).uncertain())
        .containsExactlyInAnyOrder(RECORD, TASK);
    assertThat(p.withUncertain(Set.of(RECORD, DEAL)).hasUncertainCreation()).isTrue();
    assertThat(CallProgress.empty().withUncertain(Set.of(
        EffectKey.of("c1", EffectKind.CREATE_UNSORTED))).hasUncertainCreation()).isTrue();

    CallProgress resolved = p.withUncertain(Set.of(DEAL, RECORD))
        .with(DEAL, Map.of(EntityType.DEAL, 20L));
    assertThat(resolved.uncertain()).containsExactly(RECORD);
    assertThat(resolved.hasUncertainCreation()).isFalse();
    assertThat(resolved).isNotEqualTo(resolved.with(RECORD, Map.of()));
    assertThat(resolved.toString()).contains("uncertain");
    assertThat(p.toString()).doesNotContain("uncertain");
  }

  @Test
  @DisplayName("R-ONCE effect kinds: the wire names the journal stores, and which create entities")
  void effectKinds() {
    for (EffectKind k : EffectKind.values()) {
      assertThat(EffectKind.fromWire(k.wire())).isEqualTo(k);
    }
    assertThat(EffectKind.CREATE_CONTACT.wire()).isEqualTo("create-contact");
    assertThatThrownBy(() -> EffectKind.fromWire("create_contact"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(List.of(EffectKind.values()).stream().filter(EffectKind::createsEntity).toList())
        .containsExactly(EffectKind.CREATE_CONTACT, EffectKind.CREATE_DEAL,
            EffectKind.CREATE_UNSORTED);
    assertThat(EffectKey.of("c1", EffectKind.NOTIFY).value()).isEqualTo("c1/notify");
    assertThat(RECORD.value()).isEqualTo("c1/record-call/deal");
  }
}
