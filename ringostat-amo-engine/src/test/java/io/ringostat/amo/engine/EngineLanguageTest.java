package io.ringostat.amo.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.core.text.Language;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.engine.testing.FakeAmoCrm;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R-LANG: the engine chooses the language of CRM texts once, at activation. */
class EngineLanguageTest {
  private IntegrationEngine engine;

  private static AccountCatalog catalog(Optional<String> country, Optional<String> adminLang) {
    return new AccountCatalog("demo", ZoneId.of("Europe/Kyiv"), List.of(
        new AccountCatalog.User(IntegrationEngineTest.OLENA, "Olena", true, true, adminLang),
        new AccountCatalog.User(IntegrationEngineTest.SENIOR, "Iryna", true)),
        List.of(), List.of(), country, Optional.of(IntegrationEngineTest.OLENA));
  }

  private FakeAmoCrm start(AccountCatalog catalog, Optional<Language> configured) {
    FakeAmoCrm crm = new FakeAmoCrm(catalog);
    var settings = IntegrationEngineTest.settings(ZoneId.of("Europe/Kyiv"));
    if (configured.isPresent()) {
      settings = settings.withLanguage(configured.get());
    }
    engine = IntegrationEngine.builder().settings(settings).amo(crm)
        .journal(new InMemoryJournal()).build();
    assertThat(engine.activate().isActive()).isTrue();
    return crm;
  }

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  @DisplayName("R-LANG an account in Ukraine gets Ukrainian texts, though the admin works in Russian")
  void ukrainianAccount() {
    FakeAmoCrm crm = start(catalog(Optional.of("UA"), Optional.of("ru")), Optional.empty());

    engine.handle(IntegrationEngineTest.missed("c1", "+380 44 123 45 67",
        IntegrationEngineTest.T0));

    assertThat(engine.settings().language()).contains(Language.UK);
    assertThat(crm.tasks()).singleElement().satisfies(t -> assertThat(t.text())
        .isEqualTo("Пропущений дзвінок з номера +380441234567: передзвоніть клієнту"));
  }

  @Test
  @DisplayName("R-LANG the admin's interface language decides outside Ukraine")
  void adminLanguage() {
    start(catalog(Optional.of("PL"), Optional.of("ru")), Optional.empty());

    assertThat(engine.settings().language()).contains(Language.RU);
  }

  @Test
  @DisplayName("R-LANG the language in the settings wins over the account")
  void configuredLanguageWins() {
    FakeAmoCrm crm = start(catalog(Optional.of("UA"), Optional.of("ru")),
        Optional.of(Language.EN));

    engine.handle(IntegrationEngineTest.missed("c1", "+380 44 123 45 67",
        IntegrationEngineTest.T0));

    assertThat(engine.settings().language()).contains(Language.EN);
    assertThat(crm.tasks()).singleElement().satisfies(t -> assertThat(t.text())
        .isEqualTo("Missed call from +380441234567: call the client back"));
  }

  @Test
  @DisplayName("R-LANG nothing known about the account: English")
  void englishWhenNothingIsKnown() {
    start(catalog(Optional.empty(), Optional.empty()), Optional.empty());

    assertThat(engine.settings().language()).contains(Language.EN);
  }
}
