package io.ringostat.amo.testkit;

import static io.ringostat.amo.testkit.TestHttp.j;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.settings.AmoAccount;
import io.ringostat.amo.core.settings.AmoZone;
import io.ringostat.amo.core.settings.FieldMapping;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.PipelineRule;
import io.ringostat.amo.core.settings.PipelineTarget;
import io.ringostat.amo.core.settings.SettingsProblem;
import io.ringostat.amo.core.settings.SettingsValidator;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Seeding from the builder and from settings, and the inspection API. */
class InspectionTest {

  @Test
  void seededClientsAreFoundByPhoneInAnyFormat() {
    try (AmoEmulator amo =
        AmoEmulator.builder()
            .user(504141, "Anna")
            .existingContact("Ivan", "+380 (44) 123-45-67", 504141)
            .existingDeal("+380441234567", 3383152, 33929752, 504141)
            .existingDeal("+380441234567", 3383152, 142, 504141)
            .start()) {
      for (String format :
          List.of("+380441234567", "380441234567", "0441234567", "044 123 45 67")) {
        assertThat(amo.contactsByPhone(format)).as(format).hasSize(1);
      }
      StoredContact ivan = amo.contactsByPhone("0441234567").get(0);
      assertThat(ivan.id()).isEqualTo(20000001);
      assertThat(ivan.phones()).containsExactly("+380 (44) 123-45-67");
      assertThat(amo.dealsOfContact(ivan.id()))
          .extracting(StoredDeal::isOpen)
          .containsExactly(true, false);
      assertThat(amo.contactsByPhone("+380501112233")).isEmpty();
      assertThat(amo.requestLog()).isEmpty();
    }
  }

  @Test
  void existingDealNeedsASeededContact() {
    assertThatThrownBy(
            () ->
                AmoEmulator.builder()
                    .existingDeal("+380441234567", 3383152, 33929752, 504141)
                    .start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no seeded contact");
    assertThatThrownBy(() -> AmoEmulator.builder().existingContact("X", "1", 999).start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("responsible_user_id");
  }

  @Test
  void inspectionFollowsTheApi() throws Exception {
    try (AmoEmulator amo =
        AmoEmulator.builder()
            .rateLimit(0)
            .user(504141, "Anna")
            .user(504142, "Boris")
            .clock(ManualClock.at(Instant.parse("2025-01-15T10:00:00Z")))
            .start()) {
      TestHttp http = new TestHttp(amo);
      long contact = amo.addContact("Ivan", "+380441234567", 504142);
      long deal = amo.addDeal(contact, 3383152, 33929752, 504142);
      http.post(
          "/api/v4/calls",
          j(
              "[{'direction':'outbound','uniq':'u-1','phone':'0441234567',"
                  + "'duration':5,'source':'pbx'}]"));
      http.post(
          "/api/v4/tasks",
          j(
              "[{'text':'Call back','complete_till':1736935200,"
                  + "'responsible_user_id':504142,'entity_type':'contacts','entity_id':"
                  + contact
                  + "}]"));
      assertThat(amo.notesByUniq("u-1"))
          .singleElement()
          .satisfies(
              n -> {
                assertThat(n.entityType()).isEqualTo("leads");
                assertThat(n.entityId()).isEqualTo(deal);
                assertThat(n.noteType()).isEqualTo("call_out");
                assertThat(n.createdAt()).isEqualTo(Instant.parse("2025-01-15T10:00:00Z"));
              });
      assertThat(amo.tasksByAssignee(504142))
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.entityId()).contains(contact);
                assertThat(t.completeTill()).isEqualTo(Instant.ofEpochSecond(1736935200));
                assertThat(t.taskTypeId()).isEqualTo(1);
              });
      assertThat(amo.tasksByAssignee(504141)).isEmpty();
      assertThat(amo.requestCount("POST", "/api/v4/")).isEqualTo(2);
      assertThat(amo.contacts()).hasSize(1);
      assertThat(amo.deals()).hasSize(1);
    }
  }

  private static IntegrationSettings settings() {
    return IntegrationSettings.builder()
        .account(
            AmoAccount.builder()
                .subdomain("acme")
                .zone(AmoZone.AMOCRM_RU)
                .timeZone(java.time.ZoneId.of("Europe/Moscow"))
                .build())
        .addEmployees(
            Employee.builder()
                .code("101")
                .name("Olena")
                .addSipLogins("olena")
                .amoUserId(7001)
                .build())
        .addEmployees(
            Employee.builder()
                .code("102")
                .name("Petro")
                .addSipLogins("petro")
                .amoUserId(7002)
                .build())
        .seniorManagerUserId(7000)
        .addPipelines(
            new AccountCatalog.Pipeline(
                500,
                "Calls",
                true,
                List.of(
                    new AccountCatalog.Status(5001, "New"), new AccountCatalog.Status(142, "Won"))))
        .addPipelines(
            new AccountCatalog.Pipeline(
                600, "Ads", false, List.of(new AccountCatalog.Status(6001, "New"))))
        .addPipelineRules(new PipelineRule(PipelineTarget.of(600, 6001), "utm_source", "google"))
        .addFieldMappings(FieldMapping.dealField("utm_source", "UTM_SOURCE"))
        .addFieldMappings(FieldMapping.dealField("pool", "POOL_NAME"))
        .build();
  }

  @Test
  void fromSettingsBuildsAnAccountTheSettingsValidateAgainst() throws Exception {
    IntegrationSettings s = settings();
    try (AmoEmulator amo = AmoEmulator.builder().fromSettings(s).start()) {
      AccountCatalog catalog = amo.catalog();
      assertThat(catalog.subdomain()).isEqualTo("acme");
      assertThat(catalog.timeZone()).isEqualTo(java.time.ZoneId.of("Europe/Moscow"));
      assertThat(catalog.users())
          .extracting(AccountCatalog.User::id)
          .containsExactly(7000L, 7001L, 7002L);
      assertThat(catalog.mainPipeline().map(AccountCatalog.Pipeline::id)).contains(500L);
      assertThat(catalog.pipeline(600).flatMap(p -> p.status(6001))).isPresent();
      assertThat(catalog.pipeline(500).orElseThrow().statuses())
          .extracting(AccountCatalog.Status::id)
          .contains(5001L, 142L, 143L);
      List<SettingsProblem> errors =
          SettingsValidator.validateAgainst(s, catalog).stream()
              .filter(SettingsProblem::isError)
              .toList();
      assertThat(errors).isEmpty();
      TestHttp http = new TestHttp(amo);
      assertThat(http.get("/api/v4/account").json().get("subdomain").asText()).isEqualTo("acme");
      assertThat(
              http.post(
                      "/api/v4/leads",
                      j(
                          "[{'pipeline_id':600,'status_id':6001,'custom_fields_values':[{'field_code':'POOL_NAME','values':[{'value':'Google"
                              + " Ads'}]}]}]"))
                  .status())
          .isEqualTo(200);
      assertThat(amo.deals().get(0).fieldValue("POOL_NAME")).contains("Google Ads");
    }
  }

  @Test
  void fromSettingsAddsPipelinesThatOnlyRulesName() {
    IntegrationSettings s =
        IntegrationSettings.builder()
            .account(AmoAccount.of("acme", AmoZone.KOMMO_COM))
            .addEmployees(
                Employee.builder()
                    .code("101")
                    .name("Olena")
                    .addSipLogins("olena")
                    .amoUserId(7001)
                    .build())
            .seniorManagerUserId(7001)
            .addPipelineRules(
                new PipelineRule(PipelineTarget.of(700, 7001), "utm_source", "google"))
            .build();
    try (AmoEmulator amo = AmoEmulator.builder().fromSettings(s).start()) {
      AccountCatalog catalog = amo.catalog();
      assertThat(catalog.pipelines()).extracting(AccountCatalog.Pipeline::id).containsExactly(700L);
      assertThat(catalog.mainPipeline().flatMap(p -> p.status(7001))).isPresent();
      assertThat(catalog.users()).extracting(AccountCatalog.User::name).containsExactly("Olena");
      assertThat(
              SettingsValidator.validateAgainst(s, catalog).stream()
                  .filter(SettingsProblem::isError))
          .isEmpty();
    }
  }

  @Test
  void builderIsReusableAndEmulatorsAreIndependent() {
    AmoEmulator.Builder b = AmoEmulator.builder().existingContact("Ivan", "+380441234567", 504141);
    try (AmoEmulator one = b.start();
        AmoEmulator two = b.start()) {
      one.addContact("Olga", "+380501112233", 504141);
      assertThat(one.contacts()).hasSize(2);
      assertThat(two.contacts()).hasSize(1);
      assertThat(one.baseUrl()).isNotEqualTo(two.baseUrl()).startsWith("http://127.0.0.1:");
      assertThat(one.toString()).contains(one.baseUrl()).doesNotContain(one.token());
      assertThat(one.unsorted()).isEmpty();
      assertThat(one.companies()).isEmpty();
      assertThat(one.callEvents()).isEmpty();
      assertThat(one.contact(1)).isEqualTo(Optional.empty());
    }
  }

  @Test
  void invalidBuilderInputFailsFast() {
    assertThatThrownBy(() -> AmoEmulator.builder().subdomain("Not A Subdomain"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AmoEmulator.builder().rateLimit(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> AmoEmulator.builder().pipeline(1, "A", true).pipeline(2, "B", true).start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("main");
    assertThatThrownBy(() -> AmoEmulator.builder().customField("deals", 1, "x", null, "text"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
