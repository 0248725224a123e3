package io.ringostat.amo.benchmarks;

import io.ringostat.amo.core.matrix.DecisionMatrix;
import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.CrmContact;
import io.ringostat.amo.core.model.CrmDeal;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.model.Tracking;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.settings.FieldMapping;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.json.SettingsJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Inputs shared by the benchmarks: the demo settings ({@code bench/settings.json}, a copy of the
 * examples' demo account), call events of the representative shapes, CRM views, and an account
 * catalog that makes the settings activate. Nothing reads a clock: instants derive from {@link
 * #T0}.
 */
final class BenchFixtures {
  static final Instant T0 = Instant.parse("2024-05-06T09:00:00Z");

  /** An employee of the demo settings (SIP login {@code olena}, amoCRM user 504141). */
  static final String OLENA = "olena";
  static final long OLENA_USER = 504141;
  /** The responsible manager of the existing client's contact and deal. */
  static final long ANDRIY_USER = 504142;

  private BenchFixtures() {}

  /** The demo settings as shipped with the examples (matrix RECOMMENDED). */
  static IntegrationSettings demoSettings() {
    try (InputStream in = BenchFixtures.class.getResourceAsStream("/bench/settings.json")) {
      if (in == null) {
        throw new IllegalStateException("bench/settings.json is missing from the classpath");
      }
      return SettingsJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The demo settings with the preset called {@code name}. */
  static IntegrationSettings settings(String presetName) {
    DecisionMatrix matrix = MatrixPresets.byName(presetName)
        .orElseThrow(() -> new IllegalArgumentException("no preset " + presetName));
    return IntegrationSettings.builder().from(demoSettings()).matrix(matrix).build();
  }

  /** A client phone as a PBX reports it (with separators); {@code i} makes it unique. */
  static String rawPhone(int i) {
    String digits = String.format(Locale.ROOT, "%07d", i % 10_000_000);
    return "+380 67 " + digits.substring(0, 3) + "-" + digits.substring(3, 5) + "-"
        + digits.substring(5);
  }

  /** The normalized form of {@link #rawPhone(int)}. */
  static PhoneNumber phone(int i) {
    return new PhoneNumber("38067" + String.format(Locale.ROOT, "%07d", i % 10_000_000));
  }

  static Tracking tracking() {
    return Tracking.builder().pool("Context ads").utmSource("google").utmMedium("cpc")
        .utmCampaign("spring").putExtra("roistat_visit_id", "481516").build();
  }

  /** An inbound call that ENDED, answered on {@code endpoint} (empty: none reported). */
  static CallEvent answeredEnded(String callId, String rawPhone, Optional<String> endpoint) {
    return CallEvent.builder().callId(callId).phase(CallPhase.ENDED)
        .direction(CallDirection.INBOUND).disposition(Disposition.ANSWERED)
        .clientPhone(rawPhone).trackingPhone("+380 44 300 00 00").employeeEndpoint(endpoint)
        .startedAt(T0).answeredAt(T0.plusSeconds(7)).endedAt(T0.plusSeconds(187))
        .recordingUrl("https://records.example.com/" + callId + ".mp3").tracking(tracking())
        .build();
  }

  /** An inbound call that ENDED unanswered (no endpoint). */
  static CallEvent missedEnded(String callId, String rawPhone) {
    return CallEvent.builder().callId(callId).phase(CallPhase.ENDED)
        .direction(CallDirection.INBOUND).disposition(Disposition.NO_ANSWER)
        .clientPhone(rawPhone).trackingPhone("+380 44 300 00 00").startedAt(T0)
        .endedAt(T0.plusSeconds(25)).tracking(tracking()).build();
  }

  /** A client the CRM knows: one contact and one open deal, both Andriy's. */
  static CrmView existingClient(PhoneNumber phone) {
    CrmContact contact = CrmContact.of(9001, "Existing client", ANDRIY_USER).withDeals(List.of(7001L));
    CrmDeal deal = CrmDeal.of(7001, 3383152, 33929755, ANDRIY_USER, 9001);
    return new CrmView(phone, List.of(contact), List.of(deal), List.of(), List.of());
  }

  /**
   * An account that {@code settings} activate against: every employee's user and the senior
   * manager, the settings' pipelines, and a custom field for every mapping that writes one.
   */
  static AccountCatalog catalogFor(IntegrationSettings settings) {
    Set<Long> userIds = new LinkedHashSet<>();
    settings.employees().stream().map(Employee::amoUserId).forEach(userIds::add);
    userIds.add(settings.seniorManagerUserId());
    List<AccountCatalog.User> users = new ArrayList<>();
    for (long id : userIds) {
      users.add(new AccountCatalog.User(id, "user " + id, true));
    }
    List<AccountCatalog.CustomField> fields = new ArrayList<>();
    long fieldId = 800_000;
    for (FieldMapping m : settings.fieldMappings()) {
      if (!m.writesField()) {
        continue;
      }
      String entity = m.entity() == EntityType.DEAL ? "leads" : "contacts";
      long id = m.fieldId().orElse(++fieldId);
      fields.add(new AccountCatalog.CustomField(id, entity, m.parameter(), m.fieldCode(), "text"));
    }
    return new AccountCatalog(settings.account().subdomain(), ZoneId.of("Europe/Kyiv"), users,
        settings.pipelines(), fields);
  }
}
