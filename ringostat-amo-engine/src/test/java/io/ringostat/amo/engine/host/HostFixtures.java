package io.ringostat.amo.engine.host;

import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.settings.AmoAccount;
import io.ringostat.amo.core.settings.AmoZone;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.RoutingSettings;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.engine.testing.FakeAmoCrm;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** Accounts and events for host tests and the memory harness. */
final class HostFixtures {
  static final long OLENA = 504141;
  static final long SENIOR = 504140;
  static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");

  private HostFixtures() {}

  /** Settings of account {@code subdomain}: two employees, a senior manager. */
  static IntegrationSettings settings(String subdomain) {
    return IntegrationSettings.builder()
        .account(AmoAccount.builder().subdomain(subdomain).zone(AmoZone.AMOCRM_RU).timeZone(KYIV)
            .build())
        .addEmployee(Employee.builder().code("101").name("Olena").addSipLogin("olena")
            .amoUserId(OLENA).build())
        .addEmployee(Employee.builder().code("100").name("Iryna").addSipLogin("iryna")
            .amoUserId(SENIOR).build())
        .seniorManagerUserId(SENIOR)
        .routing(RoutingSettings.builder().budget(Duration.ofMillis(500)).build())
        .build();
  }

  static FakeAmoCrm crm() {
    return new FakeAmoCrm(FakeAmoCrm.catalog(KYIV, OLENA, SENIOR));
  }

  static AccountSpec spec(String id, FakeAmoCrm crm) {
    return new AccountSpec(id, settings("acc" + id.replaceAll("[^a-z0-9]", "")), crm,
        new InMemoryJournal());
  }

  /** A missed inbound call from {@code phone} (10 digits after +380). */
  static CallEvent missed(String callId, long phone, Instant at) {
    return CallEvent.builder().callId(callId).phase(CallPhase.ENDED)
        .direction(CallDirection.INBOUND).disposition(Disposition.NO_ANSWER)
        .clientPhone("+380" + (440_000_000L + phone % 100_000_000L)).startedAt(at)
        .endedAt(at.plusSeconds(20)).build();
  }
}
