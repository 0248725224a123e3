package io.ringostat.amo.core.testing;

import io.ringostat.amo.core.Decider;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.settings.IntegrationSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Given/when/then over {@link Decider#decide}, in the style of mobius's {@code UpdateSpec}: given
 * settings and what the CRM holds, when an event arrives, then the plan is ... Each event is
 * decided on the {@link FakeCrm}'s current view and the call's progress, and its plan is carried
 * out on the fake CRM before the next event, as the engine would do.
 *
 * <pre>{@code
 * given(settings).crm(crm -> crm.addContact(phone, "Client", anna))
 *     .when(answered).then(plan -> assertThatPlan(plan).doesNothing())
 *     .when(ended).then(plan -> assertThatPlan(plan).recordsOn(EntityType.CONTACT));
 * }</pre>
 */
public final class DecideSpec {
  private final IntegrationSettings settings;
  private final FakeCrm crm;
  private final Map<String, CallProgress> progress = new HashMap<>();

  private DecideSpec(IntegrationSettings settings, FakeCrm crm) {
    this.settings = settings;
    this.crm = crm;
  }

  /** A spec over {@code settings} and an empty CRM. */
  public static DecideSpec given(IntegrationSettings settings) {
    return new DecideSpec(settings, new FakeCrm());
  }

  /** Arranges what the CRM holds before the first event. */
  public DecideSpec crm(Consumer<FakeCrm> arrange) {
    arrange.accept(crm);
    return this;
  }

  /** The fake CRM, to inspect after the events. */
  public FakeCrm crm() {
    return crm;
  }

  /** The progress of {@code callId} so far. */
  public CallProgress progress(String callId) {
    return progress.getOrDefault(callId, CallProgress.empty());
  }

  /** Decides {@code event} and carries the plan out on the fake CRM. */
  public Then when(CallEvent event) {
    Optional<CrmView> view = crm.lookup(Decider.phone(event, settings));
    CallProgress before = progress(event.callId());
    Plan plan = Decider.matrix().decide(event, view, settings, before);
    progress.put(event.callId(), crm.apply(plan, before));
    return new Then(plan);
  }

  /** The plan of the last event, to assert on. */
  public final class Then {
    private final Plan plan;

    private Then(Plan plan) {
      this.plan = plan;
    }

    public Plan plan() {
      return plan;
    }

    /** Runs {@code assertions} on the plan; returns the spec for the next event. */
    public DecideSpec then(Consumer<Plan> assertions) {
      assertions.accept(plan);
      return DecideSpec.this;
    }

    /** The plan prints as {@code golden} ({@link PlanAssert#printsAs}). */
    public DecideSpec thenPrints(String golden) {
      PlanAssert.assertThatPlan(plan).printsAs(golden);
      return DecideSpec.this;
    }
  }
}
