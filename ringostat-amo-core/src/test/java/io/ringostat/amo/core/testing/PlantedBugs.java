package io.ringostat.amo.core.testing;

import io.ringostat.amo.core.Decider;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.NoAction;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.settings.IntegrationSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Issue 17's planted bugs: each wraps the real decider and changes what it plans the same way
 * every time (so comparing a run with another run of the same SDK would not notice) — an owner,
 * a deadline, a text, fields, tags, a pipeline or whole effects. {@code PlantedBugsTest} checks
 * that the oracle chain of the core catches each; the integration suite's {@code
 * PlantedBugsEndToEndTest} checks that the oracle audit of the emulated CRM does.
 */
public final class PlantedBugs {
  private PlantedBugs() {}

  /** A planted bug: how it changes a plan. */
  public record Bug(String name, BiFunction<Plan, IntegrationSettings, Plan> plant) {
    /** The real decider with this bug planted. */
    public Decider decider() {
      return planted((plan, view, settings) -> plant.apply(plan, settings));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** How a planted bug changes the real decider's plan, knowing what the CRM showed. */
  @FunctionalInterface
  public interface PlanChange {
    Plan apply(Plan plan, Optional<CrmView> view, IntegrationSettings settings);
  }

  /** The real decider, its every plan changed by {@code change}. */
  public static Decider planted(PlanChange change) {
    Decider real = Decider.matrix();
    return new Decider() {
      @Override
      public boolean needsLookup(CallEvent event, IntegrationSettings settings,
          CallProgress progress) {
        return real.needsLookup(event, settings, progress);
      }

      @Override
      public Plan decide(CallEvent event, Optional<CrmView> view, IntegrationSettings settings,
          CallProgress progress) {
        return change.apply(real.decide(event, view, settings, progress), view, settings);
      }
    };
  }

  /** Every planted bug. */
  public static Stream<Bug> all() {
    return Stream.of(
        new Bug("a call's record owned by the senior manager", (p, s) -> map(p, e ->
            e instanceof Effect.RecordCall r ? Effect.RecordCall.builder().key(r.key())
                .reason(r.reason()).target(r.target()).direction(r.direction()).uniq(r.uniq())
                .phone(r.phone()).duration(r.duration()).recordingUrl(r.recordingUrl())
                .status(r.status()).result(r.result()).authorUserId(r.authorUserId())
                .responsibleUserId(s.seniorManagerUserId()).calledAt(r.calledAt())
                .source(r.source()).build() : e)),
        new Bug("a decider that does nothing", (p, s) -> p.isEmpty() ? p
            : Plan.nothing(p.callId(), p.scenario(), NoAction.NOT_YET, p.explanation())),
        new Bug("tasks for the senior manager", (p, s) -> map(p, e ->
            e instanceof Effect.CreateTask t ? new Effect.CreateTask(t.key(), t.reason(),
                t.target(), s.seniorManagerUserId(), t.taskTypeId(), t.text(), t.deadline())
                : e)),
        new Bug("contacts owned by the senior manager", (p, s) -> map(p, e ->
            e instanceof Effect.CreateContact c ? new Effect.CreateContact(c.key(), c.reason(),
                c.name(), c.phone(), s.seniorManagerUserId(), c.fields(), c.tags()) : e)),
        new Bug("task deadline an hour late", (p, s) -> map(p, e ->
            e instanceof Effect.CreateTask t ? new Effect.CreateTask(t.key(), t.reason(),
                t.target(), t.assigneeUserId(), t.taskTypeId(), t.text(),
                t.deadline().plus(Duration.ofHours(1))) : e)),
        new Bug("task text changed", (p, s) -> map(p, e ->
            e instanceof Effect.CreateTask t ? new Effect.CreateTask(t.key(), t.reason(),
                t.target(), t.assigneeUserId(), t.taskTypeId(), t.text() + ".", t.deadline())
                : e)),
        new Bug("deal tags dropped", (p, s) -> map(p, e ->
            e instanceof Effect.CreateDeal d ? new Effect.CreateDeal(d.key(), d.reason(),
                d.name(), d.contact(), d.pipelineId(), d.statusId(), d.responsibleUserId(),
                d.fields(), List.of()) : e)),
        new Bug("deal custom fields dropped", (p, s) -> map(p, e ->
            e instanceof Effect.CreateDeal d ? new Effect.CreateDeal(d.key(), d.reason(),
                d.name(), d.contact(), d.pipelineId(), d.statusId(), d.responsibleUserId(),
                List.of(), d.tags()) : e)),
        new Bug("deals in the default pipeline", (p, s) -> map(p, e ->
            e instanceof Effect.CreateDeal d ? new Effect.CreateDeal(d.key(), d.reason(),
                d.name(), d.contact(), Optional.empty(), Optional.empty(),
                d.responsibleUserId(), d.fields(), d.tags()) : e)),
        new Bug("call records with zero duration", (p, s) -> map(p, e ->
            e instanceof Effect.RecordCall r ? Effect.RecordCall.builder().key(r.key())
                .reason(r.reason()).target(r.target()).direction(r.direction()).uniq(r.uniq())
                .phone(r.phone()).duration(Duration.ZERO).recordingUrl(r.recordingUrl())
                .status(r.status()).result(r.result()).authorUserId(r.authorUserId())
                .responsibleUserId(r.responsibleUserId()).calledAt(r.calledAt())
                .source(r.source()).build() : e)),
        new Bug("call records without their author", (p, s) -> map(p, e ->
            e instanceof Effect.RecordCall r ? Effect.RecordCall.builder().key(r.key())
                .reason(r.reason()).target(r.target()).direction(r.direction()).uniq(r.uniq())
                .phone(r.phone()).duration(r.duration()).recordingUrl(r.recordingUrl())
                .status(r.status()).result(r.result()).authorUserId(Optional.empty())
                .responsibleUserId(r.responsibleUserId()).calledAt(r.calledAt())
                .source(r.source()).build() : e)),
        new Bug("no call-back tasks", (p, s) -> map(p, e ->
            e instanceof Effect.CreateTask ? null : e)),
        new Bug("no tracking update on an existing client", (p, s) -> map(p, e ->
            e instanceof Effect.UpdateFields ? null : e)));
  }

  /** {@code plan} with each effect mapped ({@code null}: dropped). */
  public static Plan map(Plan plan, java.util.function.Function<Effect, Effect> f) {
    if (plan.isEmpty()) {
      return plan;
    }
    List<Effect> out = new ArrayList<>();
    for (Effect e : plan.effects()) {
      Effect m = f.apply(e);
      if (m != null) {
        out.add(m);
      }
    }
    if (out.isEmpty()) {
      return Plan.nothing(plan.callId(), plan.scenario(), NoAction.NOT_YET, plan.explanation());
    }
    return new Plan(plan.callId(), plan.scenario(), out, plan.explanation(), plan.noAction(),
        plan.retryLookupAfter());
  }
}
