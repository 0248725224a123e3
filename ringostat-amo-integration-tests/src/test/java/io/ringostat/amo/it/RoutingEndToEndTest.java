package io.ringostat.amo.it;

import static io.ringostat.amo.it.support.Fixtures.ANDRIY;
import static io.ringostat.amo.it.support.Fixtures.MAKSYM;
import static io.ringostat.amo.it.support.Fixtures.OLENA;
import static io.ringostat.amo.it.support.Fixtures.SALES;
import static io.ringostat.amo.it.support.Fixtures.SALES_NEW;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.CrmDeal;
import io.ringostat.amo.core.routing.CallerCard;
import io.ringostat.amo.core.routing.FallThroughReason;
import io.ringostat.amo.core.routing.RoutingDecision;
import io.ringostat.amo.core.routing.RoutingStrategy;
import io.ringostat.amo.core.routing.RoutingTarget;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.RoutingSettings;
import io.ringostat.amo.it.support.Fixtures;
import io.ringostat.amo.it.support.Outcomes;
import io.ringostat.amo.okhttp.AmoOkHttpGateway;
import io.ringostat.amo.testkit.AmoEmulator;
import io.ringostat.amo.testkit.FaultKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Smart routing and the caller card over the real transport and the emulator (R-ROUTE, R-CARD). */
@Timeout(60)
class RoutingEndToEndTest {
  static final String TOKEN = "routing-token";
  static final String CLIENT = "+380441234567";
  /** The budget of the tests about a slow amoCRM. */
  static final Duration BUDGET = Duration.ofMillis(400);
  /** The budget of the tests about who routing finds: roomy, so a busy machine cannot fail them. */
  static final Duration ROOMY = Duration.ofSeconds(5);

  AmoEmulator amo;
  IntegrationEngine engine;

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
    if (amo != null) {
      amo.close();
    }
  }

  IntegrationEngine start(RoutingSettings routing, Consumer<AmoEmulator.Builder> seed) {
    return start(routing, seed, a -> { });
  }

  IntegrationEngine start(RoutingSettings routing, Consumer<AmoEmulator.Builder> seed,
      Consumer<AmoEmulator> beforeActivation) {
    IntegrationSettings settings = Fixtures.demoBuilder().routing(routing).build();
    AmoEmulator.Builder b = Fixtures.emulator(settings).longLivedToken(TOKEN);
    seed.accept(b);
    amo = b.start();
    beforeActivation.accept(amo);
    amo.faults().stallDuration(Duration.ofSeconds(3));
    AmoOkHttpGateway gateway = Fixtures.gateway(amo, settings, TOKEN).build();
    engine = Fixtures.engine(settings, gateway, new InMemoryJournal(), new Outcomes()).build();
    assertThat(engine.activate().isActive()).isTrue();
    return engine;
  }

  static RoutingSettings routing(RoutingTarget... priority) {
    return routing(ROOMY, priority);
  }

  static RoutingSettings routing(Duration budget, RoutingTarget... priority) {
    return RoutingSettings.builder().budget(budget).priority(List.of(priority)).build();
  }

  @Test
  @DisplayName("R-ROUTE: the contact's responsible employee gets the call; a repeat is a cache hit")
  void routesToTheResponsible() {
    start(routing(RoutingTarget.CONTACT, RoutingTarget.DEAL),
        b -> b.existingContact("Ivan Petrov", "+380 44 123-45-67", OLENA));
    amo.resetRequestLog();

    RoutingDecision first = engine.route("044 123 45 67");
    int afterMiss = amo.requestLog().size();
    RoutingDecision second = engine.route(CLIENT);

    assertThat(first.routes()).isTrue();
    assertThat(first.employee().orElseThrow().amoUserId()).isEqualTo(OLENA);
    assertThat(first.destinations()).contains("olena", "olena_mobile", "101");
    assertThat(first.entityKind()).contains(RoutingTarget.CONTACT);
    assertThat(afterMiss).as("a miss costs exactly one lookup: the contacts search").isEqualTo(1);
    assertThat(second.fromCache()).isTrue();
    assertThat(amo.requestLog()).as("a hit costs no request").hasSize(afterMiss);
  }

  @Test
  @DisplayName("R-ROUTE: closed deals never route; an open deal's responsible does")
  void closedDealsNeverRoute() {
    start(routing(RoutingTarget.DEAL), b -> b
        .existingContact("Ivan Petrov", CLIENT, OLENA)
        .existingDeal(CLIENT, SALES, CrmDeal.WON, OLENA));
    assertThat(engine.route(CLIENT).fallThrough()).contains(FallThroughReason.NOT_FOUND);
  }

  @Test
  @DisplayName("R-ROUTE: a deactivated responsible falls through to the next entity")
  void deactivatedResponsibleFallsThrough() {
    start(routing(RoutingTarget.CONTACT, RoutingTarget.DEAL), b -> b
        .existingContact("Ivan Petrov", CLIENT, MAKSYM)
        .existingDeal(CLIENT, SALES, SALES_NEW, ANDRIY),
        a -> a.deactivateUser(MAKSYM)); // Maksym left after he was made responsible
    RoutingDecision d = engine.route(CLIENT);

    assertThat(d.employee().orElseThrow().amoUserId()).isEqualTo(ANDRIY);
    assertThat(d.entityKind()).contains(RoutingTarget.DEAL);
  }

  @Test
  @DisplayName("R-ROUTE: a stalled amoCRM gives a fall-through within the budget")
  void stallWithinBudget() {
    start(routing(BUDGET, RoutingTarget.CONTACT), b -> { });
    amo.faults().failNext(1, FaultKind.STALL, "GET", "/api/v4/contacts");
    Instant t0 = Instant.now();
    RoutingDecision d = engine.route(CLIENT);
    Duration took = Duration.between(t0, Instant.now());

    assertThat(d.fallThrough()).contains(FallThroughReason.CRM_SLOW);
    assertThat(took).as("the PBX never waits much past the budget")
        .isLessThan(BUDGET.plusSeconds(1));
  }

  @Test
  @DisplayName("R-ROUTE: 429s during the budget give a fall-through in time, never an exception")
  void rateLimitedWithinBudget() {
    start(routing(BUDGET, RoutingTarget.CONTACT), b -> b.existingContact("Ivan", CLIENT, OLENA));
    amo.faults().failNext(10, FaultKind.TOO_MANY_REQUESTS_429, "GET", "/api/v4/contacts");
    Instant t0 = Instant.now();
    RoutingDecision d = engine.route(CLIENT);

    assertThat(d.routes()).isFalse();
    assertThat(d.fallThrough().orElseThrow()).isIn(FallThroughReason.CRM_SLOW,
        FallThroughReason.CRM_DOWN);
    assertThat(Duration.between(t0, Instant.now())).isLessThan(BUDGET.plusSeconds(1));
  }

  @Test
  @DisplayName("R-ROUTE: a revoked token: the integration is broken and routing falls through")
  void brokenIntegration() {
    start(routing(RoutingTarget.CONTACT), b -> b.existingContact("Ivan", CLIENT, OLENA));
    amo.revokeToken(TOKEN);
    engine.handle(missed("c-1", "+380441230000"));

    assertThat(engine.route(CLIENT).fallThrough())
        .contains(FallThroughReason.INTEGRATION_BROKEN);
  }

  @Test
  @DisplayName("R-ROUTE: the engine's own writes keep the cache correct")
  void cacheFollowsTheEnginesWrites() {
    start(routing(RoutingTarget.CONTACT, RoutingTarget.DEAL), b -> { });
    assertThat(engine.route(CLIENT).fallThrough()).contains(FallThroughReason.NOT_FOUND);
    engine.handle(answered("c-2", CLIENT, "andriy")); // Andriy answers a new client

    RoutingDecision d = engine.route(CLIENT);
    assertThat(d.employee().orElseThrow().amoUserId()).isEqualTo(ANDRIY);
  }

  @Test
  @DisplayName("R-ROUTE: LAST_TALKED routes to the employee who last talked with the client")
  void lastTalked() {
    start(RoutingSettings.builder().budget(ROOMY).strategy(RoutingStrategy.LAST_TALKED).build(),
        b -> b.existingContact("Ivan", CLIENT, OLENA));
    assertThat(engine.route(CLIENT).fallThrough()).contains(FallThroughReason.NOT_FOUND);
    engine.handle(answered("c-3", CLIENT, "maksym"));

    assertThat(engine.route(CLIENT).employee().orElseThrow().amoUserId()).isEqualTo(MAKSYM);
  }

  @Test
  @DisplayName("R-CARD: name, responsible, open deals with pipeline and status names, links")
  void callerCard() {
    start(routing(RoutingTarget.CONTACT), b -> b
        .existingContact("Ivan Petrov", CLIENT, OLENA)
        .existingDeal(CLIENT, SALES, SALES_NEW, OLENA));
    CallerCard card = engine.callerCard("0441234567");

    assertThat(card.contact().orElseThrow().name()).isEqualTo("Ivan Petrov");
    assertThat(card.contact().get().link()).startsWith("https://demo.amocrm.ru/contacts/detail/");
    assertThat(card.responsible().orElseThrow().employee().orElseThrow().amoUserId())
        .isEqualTo(OLENA);
    assertThat(card.openDeals()).singleElement().satisfies(deal -> {
      assertThat(deal.pipeline()).isEqualTo("Sales");
      assertThat(deal.link()).startsWith("https://demo.amocrm.ru/leads/detail/");
    });
    assertThat(engine.callerCard("+380999999999").emptyReason()).isPresent();
  }

  static CallEvent answered(String callId, String phone, String endpoint) {
    Instant at = Instant.now();
    return CallEvent.builder().callId(callId).phase(CallPhase.ANSWERED)
        .direction(CallDirection.INBOUND).clientPhone(phone).employeeEndpoint(endpoint)
        .startedAt(at).answeredAt(at).build();
  }

  static CallEvent missed(String callId, String phone) {
    Instant at = Instant.now();
    return CallEvent.builder().callId(callId).phase(CallPhase.ENDED)
        .direction(CallDirection.INBOUND)
        .disposition(io.ringostat.amo.core.model.Disposition.NO_ANSWER).clientPhone(phone)
        .startedAt(at).endedAt(at.plusSeconds(10)).build();
  }
}
