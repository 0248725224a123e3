package io.ringostat.amo.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.model.Tracking;
import io.ringostat.amo.core.plan.EffectKind;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.settings.FieldMapping;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.spi.AmoCrm;
import io.ringostat.amo.core.spi.CrmException;
import io.ringostat.amo.engine.DoneEffect;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.it.support.Fixtures;
import io.ringostat.amo.it.support.Outcomes;
import io.ringostat.amo.okhttp.AmoOkHttpGateway;
import io.ringostat.amo.okhttp.AmoRateLimiter;
import io.ringostat.amo.testkit.AmoEmulator;
import io.ringostat.amo.testkit.FaultKind;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * R-BATCH end to end: the engine (its default workers) over the OkHttp gateway against the
 * emulator. New clients' missed calls are held at {@code createComplex} until all have arrived,
 * and the account's limiter is busy while they are released, so their contacts and deals go out
 * in one {@code POST /api/v4/leads/complex}, as under a backlog. Exactly-once must hold as without
 * batching: a refused item fails its call only, a lost answer is reconciled call by call.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BatchingEndToEndTest {
  static final long AD_FIELD = 777_001;
  static final int CALLS = 6;
  static final Instant AT = Instant.now().minus(Duration.ofMinutes(30));

  private final Outcomes outcomes = new Outcomes();
  private final AmoRateLimiter limiter = AmoRateLimiter.perSecond(7);
  private final CountDownLatch arrived = new CountDownLatch(CALLS);
  private final CountDownLatch go = new CountDownLatch(1);
  private AmoEmulator amo;
  private IntegrationEngine engine;

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
    if (amo != null) {
      amo.close();
    }
  }

  /** The demo settings, writing {@code utm_content} into a select field of the deal. */
  static IntegrationSettings settings() {
    IntegrationSettings.Builder b = Fixtures.demoBuilder();
    b.addFieldMappings(new FieldMapping("utm_content", EntityType.DEAL, Optional.of(AD_FIELD),
        Optional.empty(), false));
    return b.build();
  }

  private List<CompletableFuture<HandleResult>> handOver(List<String> adContents) {
    IntegrationSettings settings = settings();
    amo = AmoEmulator.builder()
        .customField("leads", AD_FIELD, "Ad", null, "select", "banner-a", "banner-b")
        .fromSettings(settings).rateLimit(200).blockAfter(0).start();
    AmoOkHttpGateway gateway = Fixtures.gateway(amo, settings, amo.token()).rateLimiter(limiter)
        .build();
    engine = IntegrationEngine.builder().settings(settings).amo(heldAtComplex(gateway))
        .journal(new InMemoryJournal()).listener(outcomes)
        .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(200)).build();
    assertThat(engine.activate().isActive()).isTrue();
    List<CompletableFuture<HandleResult>> out = new ArrayList<>();
    for (int i = 0; i < adContents.size(); i++) {
      out.add(engine.handleAsync(missed(i, adContents.get(i))));
    }
    return out;
  }

  /** Lets the held creates go while every place of the limiter is taken, then frees them. */
  private void releaseIntoABusyLimiter() throws Exception {
    assertThat(arrived.await(20, TimeUnit.SECONDS)).as("every call reached createComplex")
        .isTrue();
    List<AmoRateLimiter.Permit> busy = new ArrayList<>();
    for (int i = 0; i < limiter.capacity(); i++) {
      busy.add(limiter.tryAcquire(Duration.ofSeconds(10)).orElseThrow());
    }
    go.countDown();
    // The lane's leader waits for a place until one window after these close; the other calls
    // join its batch meanwhile.
    busy.forEach(AmoRateLimiter.Permit::close);
  }

  /** The gateway, with {@code createComplex} held until every call has reached it. */
  private AmoCrm heldAtComplex(AmoOkHttpGateway gateway) {
    return (AmoCrm) Proxy.newProxyInstance(AmoCrm.class.getClassLoader(),
        new Class<?>[] {AmoCrm.class}, (proxy, method, args) -> {
          if (method.getName().equals("createComplex")) {
            arrived.countDown();
            if (!go.await(20, TimeUnit.SECONDS)) {
              throw new CrmException(CrmException.Kind.TRANSIENT, "the test did not release");
            }
          }
          try {
            return method.invoke(gateway, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  static String phone(int i) {
    return "+380 67 555 10 " + String.format("%02d", i);
  }

  static CallEvent missed(int i, String adContent) {
    return CallEvent.builder().callId("batch-" + i).phase(CallPhase.ENDED)
        .direction(CallDirection.INBOUND).disposition(Disposition.NO_ANSWER)
        .clientPhone(phone(i)).trackingPhone("+380 44 300 00 00")
        .startedAt(AT.plusSeconds(i)).endedAt(AT.plusSeconds(i + 20))
        .tracking(Tracking.builder().pool("Site").utmContent(adContent).build()).build();
  }

  private static HandleResult outcome(CompletableFuture<HandleResult> f) throws Exception {
    return f.get(30, TimeUnit.SECONDS);
  }

  private long complexRequests() {
    return amo.requestLog().stream()
        .filter(r -> r.method().equals("POST") && r.path().equals("/api/v4/leads/complex"))
        .count();
  }

  @Test
  @DisplayName("R-BATCH/R-ONCE: one refused item fails its call with amoCRM's reason; the rest"
      + " of the batch is sent again and applied once")
  void aRefusedItemFailsOnlyItsCall() throws Exception {
    List<String> ads = new ArrayList<>(List.of("banner-a", "banner-b", "banner-a", "banner-b",
        "banner-a", "banner-b"));
    ads.set(3, "tiktok-video"); // not a choice of the select field: amoCRM refuses that lead
    List<CompletableFuture<HandleResult>> f = handOver(ads);

    releaseIntoABusyLimiter();

    for (int i = 0; i < CALLS; i++) {
      HandleResult r = outcome(f.get(i));
      if (i == 3) {
        assertThat(r.status()).as(r.toString()).isEqualTo(HandleResult.Status.FAILED);
        assertThat(r.errorKind()).hasValue(CrmException.Kind.REJECTED);
        assertThat(r.message()).contains("NotSupportedChoice")
            .contains("custom_fields_values");
        assertThat(amo.contactsByPhone(phone(i))).isEmpty();
      } else {
        assertThat(r.status()).as(r.toString()).isEqualTo(HandleResult.Status.DELIVERED);
        assertThat(amo.contactsByPhone(phone(i))).as("call %d", i).hasSize(1);
        assertThat(amo.notesByUniq("batch-" + i)).as("call %d", i).hasSize(1);
      }
    }
    assertThat(amo.contacts()).hasSize(CALLS - 1);
    assertThat(amo.deals()).hasSize(CALLS - 1);
    assertThat(complexRequests()).as("the batch of six, then the five without the refused one")
        .isEqualTo(2);
  }

  @Test
  @DisplayName("R-BATCH/R-ONCE: a batch whose answer is lost is reconciled call by call")
  void aLostAnswerIsReconciledCallByCall() throws Exception {
    List<String> ads = List.of("banner-a", "banner-b", "banner-a", "banner-b", "banner-a",
        "banner-b");
    List<CompletableFuture<HandleResult>> f = handOver(ads);
    amo.faults().failNext(1, FaultKind.DISCONNECT_AFTER_APPLY, "POST", "/api/v4/leads/complex");

    releaseIntoABusyLimiter();

    for (int i = 0; i < CALLS; i++) {
      HandleResult r = outcome(f.get(i));
      assertThat(r.status()).as(r.toString()).isEqualTo(HandleResult.Status.DELIVERED);
      assertThat(r.effects()).filteredOn(d -> d.key().kind() == EffectKind.CREATE_CONTACT
          || d.key().kind() == EffectKind.CREATE_DEAL).hasSize(2)
          .allMatch(DoneEffect::reconciled, "found already done in amoCRM, not sent again");
      assertThat(amo.contactsByPhone(phone(i))).as("call %d", i).hasSize(1);
      assertThat(amo.notesByUniq("batch-" + i)).as("call %d", i).hasSize(1);
    }
    assertThat(amo.contacts()).hasSize(CALLS);
    assertThat(amo.deals()).hasSize(CALLS);
    assertThat(complexRequests()).as("one batch, applied, its answer lost").isEqualTo(1);
  }
}
