package io.ringostat.amo.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EffectKind;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.spi.CrmException;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.engine.testing.FakeAmoCrm;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The protocol's batch cases, on a hand-made plan. */
class PlanExecutorTest {
  static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  final FakeAmoCrm crm = new FakeAmoCrm(FakeAmoCrm.catalog(ZoneId.of("UTC"), 1, 2));
  final InMemoryJournal journal = new InMemoryJournal();
  final PlanExecutor executor = new PlanExecutor(crm, journal, Clock.systemUTC(), p -> { });

  static Effect.CreateTask task(String target, long user) {
    return new Effect.CreateTask(EffectKey.of("c1", EffectKind.CREATE_TASK, target), "test",
        Optional.empty(), user, 1, "Call back " + target, T0.plusSeconds(3600));
  }

  long seq() {
    CallEvent e = CallEvent.builder().callId("c1").phase(CallPhase.RINGING)
        .direction(CallDirection.INBOUND).clientPhone("+380441234567").startedAt(T0).build();
    return journal.append(e, "380441234567", T0).entry().seq();
  }

  @Test
  @DisplayName("REJECTED batch naming one item: it fails REJECTED, the other OUTCOME_UNKNOWN and uncertain")
  void partlyRejectedBatch() {
    Effect.CreateTask a = task("a", 1);
    Effect.CreateTask b = task("b", 2);
    Plan plan = new Plan("c1", Optional.empty(), List.of(a, b), List.of(), Optional.empty(),
        Optional.empty());
    crm.next(FakeAmoCrm.Fault.reject(Set.of(a.key().value())));

    Execution run = executor.execute(seq(), plan, Set.of(), Optional.empty());

    assertThat(run.results()).extracting(r -> ((StepResult.Failed) r).error().kind())
        .containsExactly(CrmException.Kind.REJECTED, CrmException.Kind.OUTCOME_UNKNOWN);
    assertThat(journal.uncertain("c1")).contains(b.key());

    Execution again = executor.execute(seq(), plan, journal.uncertain("c1"), Optional.empty());
    assertThat(again.isComplete()).isTrue();
    assertThat(crm.tasks()).hasSize(2);
  }

  @Test
  @DisplayName("OUTCOME_UNKNOWN twice: checked, sent once more, then failed and left uncertain")
  void unknownTwiceStaysUncertain() {
    Effect.CreateTask a = task("a", 1);
    Plan plan = new Plan("c1", Optional.empty(), List.of(a), List.of(), Optional.empty(),
        Optional.empty());
    crm.next(FakeAmoCrm.Fault.failBefore(CrmException.Kind.OUTCOME_UNKNOWN));
    crm.next(FakeAmoCrm.Fault.failBefore(CrmException.Kind.OUTCOME_UNKNOWN));

    Execution run = executor.execute(seq(), plan, Set.of(), Optional.empty());

    assertThat(run.firstError()).hasValueSatisfying(x ->
        assertThat(x.kind()).isEqualTo(CrmException.Kind.OUTCOME_UNKNOWN));
    assertThat(journal.uncertain("c1")).containsExactly(a.key());
    assertThat(crm.tasks()).isEmpty();
    assertThat(crm.writes.get()).isEqualTo(2);
  }

  @Test
  @DisplayName("After AUTHENTICATION everything left is skipped")
  void authenticationSkipsTheRest() {
    Effect.NotifyIncomingCall n = new Effect.NotifyIncomingCall(
        EffectKey.of("c1", EffectKind.NOTIFY), "test",
        new io.ringostat.amo.core.model.PhoneNumber("380441234567"), List.of());
    Effect.CreateTask a = task("a", 1);
    Plan plan = new Plan("c1", Optional.empty(), List.of(n, a), List.of(), Optional.empty(),
        Optional.empty());
    crm.next(FakeAmoCrm.Fault.failBefore(CrmException.Kind.AUTHENTICATION));

    Execution run = executor.execute(seq(), plan, Set.of(), Optional.empty());

    assertThat(run.results().get(0)).isInstanceOf(StepResult.Failed.class);
    assertThat(run.results().get(1)).isInstanceOf(StepResult.Skipped.class);
  }

  @Test
  @DisplayName("R-LIFE task completions: one batch request, each done; a repeat is harmless")
  void completionsAreOneIdempotentBatch() {
    Effect.CreateTask a = task("a", 1);
    Effect.CreateTask b = task("b", 2);
    executor.execute(seq(), new Plan("c1", Optional.empty(), List.of(a, b), List.of(),
        Optional.empty(), Optional.empty()), Set.of(), Optional.empty());
    List<Long> ids = crm.tasks().stream().map(t -> t.id()).toList();
    List<Effect> completions = ids.stream().<Effect>map(id -> Effect.CompleteTask.builder()
        .key(EffectKey.of("c2", EffectKind.COMPLETE_TASK, Long.toString(id)))
        .reason("answered").taskId(id).resultText("Called back").build()).toList();
    Plan plan = new Plan("c2", Optional.empty(), completions, List.of(), Optional.empty(),
        Optional.empty());
    long before = crm.writes.get();

    Execution run = executor.execute(seq(), plan, Set.of(), Optional.empty());

    assertThat(run.isComplete()).isTrue();
    assertThat(crm.writes.get() - before).as("one request").isEqualTo(1L);
    assertThat(crm.tasks()).allSatisfy(t -> assertThat(t.result()).contains("Called back"));
    assertThat(journal.progress("c2").done().keySet())
        .containsExactlyElementsOf(completions.stream().map(Effect::key).toList());
  }
}
