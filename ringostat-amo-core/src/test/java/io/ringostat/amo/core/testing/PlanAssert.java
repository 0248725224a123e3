package io.ringostat.amo.core.testing;

import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EntityRef;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.NoAction;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.plan.PlanPrinter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a {@link Plan}; failure messages print the plan with {@link
 * PlanPrinter#print}, explanation included.
 *
 * <pre>{@code
 * assertThatPlan(plan)
 *     .hasEffectTypes(CreateContact.class, CreateDeal.class)
 *     .hasTaskFor(senior)
 *     .printsAs("""
 *         1. create-contact  ...
 *         """);
 * }</pre>
 */
public final class PlanAssert extends AbstractAssert<PlanAssert, Plan> {
  private PlanAssert(Plan actual) {
    super(actual, PlanAssert.class);
  }

  public static PlanAssert assertThatPlan(Plan plan) {
    return new PlanAssert(plan);
  }

  /** The effects are exactly of these types, in this order. */
  @SafeVarargs
  public final PlanAssert hasEffectTypes(Class<? extends Effect>... types) {
    isNotNull();
    List<String> expected = new java.util.ArrayList<>();
    for (Class<? extends Effect> t : types) {
      expected.add(t.getSimpleName());
    }
    List<String> actualTypes = actual.effects().stream().map(e -> e.getClass().getSimpleName())
        .toList();
    if (!actualTypes.equals(expected)) {
      failWithMessage("expected effects %s but the plan has %s%n%s", expected, actualTypes,
          printed());
    }
    return this;
  }

  /** The plan does nothing, for {@code reason}. */
  public PlanAssert hasNoAction(NoAction reason) {
    isNotNull();
    if (!actual.isEmpty() || !actual.noAction().equals(Optional.of(reason))) {
      failWithMessage("expected nothing to do because %s, but:%n%s", reason, printed());
    }
    return this;
  }

  /** The plan does nothing, for whatever reason. */
  public PlanAssert doesNothing() {
    isNotNull();
    if (!actual.isEmpty()) {
      failWithMessage("expected nothing to do, but:%n%s", printed());
    }
    return this;
  }

  /** No CreateContact, CreateDeal or CreateUnsorted. */
  public PlanAssert createsNothing() {
    isNotNull();
    List<Effect> creating = actual.effects().stream().filter(e -> !e.creates().isEmpty()).toList();
    if (!creating.isEmpty()) {
      failWithMessage("expected no entity to be created, but:%n%s", printed());
    }
    return this;
  }

  /** A task for {@code userId}. */
  public PlanAssert hasTaskFor(long userId) {
    isNotNull();
    if (actual.effects(Effect.CreateTask.class).stream()
        .noneMatch(t -> t.assigneeUserId() == userId)) {
      failWithMessage("expected a task for user %s, but:%n%s", userId, printed());
    }
    return this;
  }

  /** No task at all. */
  public PlanAssert hasNoTask() {
    isNotNull();
    if (!actual.effects(Effect.CreateTask.class).isEmpty()) {
      failWithMessage("expected no task, but:%n%s", printed());
    }
    return this;
  }

  /** Call records on entities of exactly these types, in this order. */
  public PlanAssert recordsOn(EntityType... types) {
    isNotNull();
    List<EntityType> targets = actual.effects(Effect.RecordCall.class).stream()
        .map(r -> r.target().type()).toList();
    if (!targets.equals(List.of(types))) {
      failWithMessage("expected call records on %s but they are on %s%n%s", List.of(types),
          targets, printed());
    }
    return this;
  }

  /** Every created contact, deal and unsorted request is assigned to {@code userId}. */
  public PlanAssert assignsEverythingCreatedTo(long userId) {
    isNotNull();
    for (Effect e : actual.effects()) {
      Optional<Long> responsible = createdResponsible(e);
      if (responsible.isPresent() && responsible.get() != userId) {
        failWithMessage("expected %s to be assigned to user %s, but it is assigned to %s%n%s",
            e.key(), userId, responsible.get(), printed());
      }
    }
    return this;
  }

  /** Asks the engine to repeat the lookup after {@code delay} (R-V2). */
  public PlanAssert retriesLookupAfter(Duration delay) {
    isNotNull();
    if (!actual.retryLookupAfter().equals(Optional.of(delay))) {
      failWithMessage("expected a lookup retry after %s, but it is %s%n%s", delay,
          actual.retryLookupAfter(), printed());
    }
    return this;
  }

  /**
   * Every {@link EntityRef.Pending} names an earlier effect of the plan that creates an entity of
   * that type, and no two effects share a key.
   */
  public PlanAssert refersOnlyBackwards() {
    isNotNull();
    Map<EffectKey, List<EntityType>> seen = new HashMap<>();
    for (Effect e : actual.effects()) {
      for (EntityRef ref : e.refs()) {
        if (ref instanceof EntityRef.Pending p) {
          List<EntityType> created = seen.get(p.createdBy());
          if (created == null || !created.contains(p.type())) {
            failWithMessage("%s refers to %s, which no earlier effect creates%n%s", e.key(), ref,
                printed());
          }
        }
      }
      if (seen.put(e.key(), e.creates()) != null) {
        failWithMessage("two effects share the key %s%n%s", e.key(), printed());
      }
    }
    return this;
  }

  /** {@link PlanPrinter#effects} gives exactly {@code expected} (a golden text). */
  public PlanAssert printsAs(String expected) {
    isNotNull();
    String effects = PlanPrinter.effects(actual);
    if (!effects.equals(expected)) {
      GoldenRecorder.record(expected, effects);
      failWithMessage("the plan differs from the expected one.%nexpected:%n%s%nactual:%n%s%n"
          + "explanation:%n%s", expected, effects, actual.explain());
    }
    return this;
  }

  /**
   * Every call record of the plan belongs to {@code ownerUserId} (its {@code responsible_user_id}:
   * whose record it is in amoCRM's reports) and has {@code author} as author (empty: none).
   */
  public PlanAssert recordsBelongTo(long ownerUserId, Optional<Long> author) {
    isNotNull();
    List<Effect.RecordCall> records = actual.effects().stream()
        .filter(Effect.RecordCall.class::isInstance).map(Effect.RecordCall.class::cast).toList();
    if (records.isEmpty()) {
      failWithMessage("expected call records of user %s but the plan records nothing%n%s",
          ownerUserId, PlanPrinter.effects(actual));
    }
    for (Effect.RecordCall r : records) {
      if (r.responsibleUserId() != ownerUserId || !r.authorUserId().equals(author)) {
        failWithMessage("expected the call record on %s to belong to user %s (author %s) but it"
            + " belongs to user %s (author %s)%n%s", r.target(), ownerUserId, author,
            r.responsibleUserId(), r.authorUserId(), PlanPrinter.effects(actual));
      }
    }
    return this;
  }

  /** The explanation has a line containing {@code text}. */
  public PlanAssert explains(String text) {
    isNotNull();
    if (actual.explanation().stream().noneMatch(l -> l.contains(text))) {
      failWithMessage("expected the explanation to mention '%s'%n%s", text, printed());
    }
    return this;
  }

  /** The responsible user of a creating effect, if {@code e} creates an entity. */
  public static Optional<Long> createdResponsible(Effect e) {
    if (e instanceof Effect.CreateContact c) {
      return Optional.of(c.responsibleUserId());
    }
    if (e instanceof Effect.CreateDeal d) {
      return Optional.of(d.responsibleUserId());
    }
    if (e instanceof Effect.CreateUnsorted u) {
      return Optional.of(u.responsibleUserId());
    }
    return Optional.empty();
  }

  private String printed() {
    return PlanPrinter.print(actual).lines().map(l -> "  " + l)
        .collect(Collectors.joining(System.lineSeparator()));
  }
}
