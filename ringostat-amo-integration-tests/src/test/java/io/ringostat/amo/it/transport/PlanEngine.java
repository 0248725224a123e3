package io.ringostat.amo.it.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.Decider;
import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.NoAction;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.spi.GatewayMetrics;
import io.ringostat.amo.engine.DoneEffect;
import io.ringostat.amo.engine.EngineState;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.journal.JournalEntry;
import io.ringostat.amo.it.support.Outcomes;
import io.ringostat.amo.okhttp.AmoOkHttpGateway;
import io.ringostat.amo.okhttp.testing.Effects;
import io.ringostat.amo.okhttp.testing.FakeAmo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import mockwebserver3.RecordedRequest;

/**
 * The real {@link IntegrationEngine} (in-memory journal) over the OkHttp gateway against a {@link
 * FakeAmo}, deciding the hand-written plan under test for one call event of call {@link
 * Effects#CALL}: the whole-plan tests drive the engine's exactly-once protocol with the exact
 * effects they are about.
 *
 * <p>Each decision waits for a permit ({@link #allowRetry()}), so a redelivery the engine schedules
 * after a retryable failure runs only when the test lets it: the test can look at what the first
 * attempt left before the next one starts. Requests are counted from {@link #activate()} on (the
 * activation's probe and catalog requests are not the plan's).
 */
final class PlanEngine implements AutoCloseable {
  /** The client of {@link Effects#PHONE}. */
  static final String CLIENT_PHONE = "+380 44 123 45 67";
  /** An answered inbound call of {@link Effects#CALL}, taken by Anna, that ended. */
  static final CallEvent EVENT = CallEvent.builder().callId(Effects.CALL).phase(CallPhase.ENDED)
      .direction(CallDirection.INBOUND).clientPhone(CLIENT_PHONE).startedAt(Effects.CALLED_AT)
      .employeeEndpoint("anna").answeredAt(Effects.CALLED_AT.plusSeconds(10))
      .endedAt(Effects.CALLED_AT.plusSeconds(55)).disposition(Disposition.ANSWERED).build();

  final FakeAmo amo;
  final AmoOkHttpGateway gateway;
  final PortRecorder port;
  final RecordingJournal journal;
  final Outcomes outcomes = new Outcomes();
  final IntegrationEngine engine;
  private final PlanDecider decider = new PlanDecider();
  private int mark = -1;
  private GatewayMetrics metricsAtMark = GatewayMetrics.ZERO;

  PlanEngine(FakeAmo amo, AmoOkHttpGateway gateway) {
    this(amo, gateway, s -> { });
  }

  /** @param history hears "sending [keys]" and "done key" as the engine journals them */
  PlanEngine(FakeAmo amo, AmoOkHttpGateway gateway, Consumer<String> history) {
    this.amo = amo;
    this.gateway = gateway;
    this.port = new PortRecorder(gateway, amo::mark);
    this.journal = new RecordingJournal(history);
    IntegrationSettings settings = RequestCountTest.settings(MatrixPresets.RECOMMENDED);
    this.engine = IntegrationEngine.builder().settings(settings).amo(port).journal(journal)
        .decider(decider).listener(outcomes)
        .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(200)).build();
    decider.engine = engine;
  }

  /** Activates the engine; requests are counted from here. */
  PlanEngine activate() {
    assertThat(engine.activate().isActive()).as("activation").isTrue();
    mark = amo.mark();
    metricsAtMark = gateway.metrics();
    port.clear();
    return this;
  }

  /**
   * Handles {@link #EVENT}, deciding {@code plan}; returns what {@link IntegrationEngine#handle}
   * returns (DEFERRED when the engine will try again: see {@link #allowRetry()}).
   */
  HandleResult handle(Plan plan) {
    if (mark < 0) {
      activate();
    }
    decider.plan = plan;
    decider.decisions.release();
    return engine.handle(EVENT);
  }

  /**
   * As after a crash: {@link #EVENT} was journaled and {@code sending} were marked sending, never
   * done. Activates the engine on that journal and returns the final outcome of the redelivery
   * (deciding {@code plan}).
   */
  HandleResult afterCrash(Plan plan, List<EffectKey> sending) {
    assertThat(mark).as("not yet active").isNegative();
    JournalEntry entry = journal.append(EVENT, Effects.PHONE.digits(), Instant.now()).entry();
    journal.markSending(entry.seq(), sending);
    decider.plan = plan;
    activate(); // the redelivery waits for its decision until the requests are counted from here
    decider.decisions.release();
    return awaitFinal(entry.seq());
  }

  /** Lets the engine's next (re)delivery decide. */
  void allowRetry() {
    decider.decisions.release();
  }

  HandleResult awaitFinal(long seq) {
    return outcomes.awaitFinal(seq, Duration.ofSeconds(20));
  }

  /** Requests the server received since activation, as {@code METHOD /path}. */
  List<String> requests() {
    return amo.requestsSince(mark);
  }

  /** The {@code i}-th request since activation. */
  RecordedRequest recorded(int i) {
    return amo.recorded().get(mark + i);
  }

  /** Requests the gateway sent since activation (retries included). */
  long gatewayRequests() {
    return gateway.metrics().requests() - metricsAtMark.requests();
  }

  long gatewayRetries() {
    return gateway.metrics().retries() - metricsAtMark.retries();
  }

  /** The done effect of {@code e} in {@code r}; fails when {@code e} is not done. */
  static DoneEffect done(HandleResult r, Effect e) {
    Optional<DoneEffect> d = r.effects().stream().filter(x -> x.key().equals(e.key()))
        .findFirst();
    assertThat(d).as("%s done in %s", e.key(), r).isPresent();
    return d.get();
  }

  static List<EffectKey> keys(HandleResult r) {
    return r.effects().stream().map(DoneEffect::key).toList();
  }

  @Override
  public void close() {
    engine.close();
  }

  /**
   * Decides the plan under test: its effects not yet done for the call (the progress the journal
   * gives), nothing once all are done. Needs no lookup. A plan whose remaining effects refer to a
   * done one is not supported (the tests never leave one half done).
   */
  private static final class PlanDecider implements Decider {
    final Semaphore decisions = new Semaphore(0);
    volatile Plan plan;
    volatile IntegrationEngine engine;

    @Override
    public boolean needsLookup(CallEvent event, IntegrationSettings settings,
        CallProgress progress) {
      return false;
    }

    @Override
    public Plan decide(CallEvent event, Optional<CrmView> view, IntegrationSettings settings,
        CallProgress progress) {
      awaitPermit();
      Plan p = plan;
      List<Effect> left = p.effects().stream().filter(e -> !progress.isDone(e.key())).toList();
      if (left.isEmpty()) {
        return Plan.nothing(p.callId(), p.scenario(), NoAction.ALREADY_DONE,
            List.of("every effect of the test plan is done"));
      }
      return left.size() == p.effects().size() ? p
          : new Plan(p.callId(), p.scenario(), left, p.explanation(), Optional.empty(),
              Optional.empty());
    }

    private void awaitPermit() {
      try {
        while (!decisions.tryAcquire(10, TimeUnit.MILLISECONDS)) {
          if (engine.state() == EngineState.CLOSED) {
            return; // the engine sends nothing once closed
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
