package io.ringostat.amo.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.settings.AmoZone;
import org.junit.jupiter.api.Test;

/** The OAuth redirect's referer: amoCRM account hosts only (issue 18). */
class AmoRefererTest {
  @Test
  void amoCrmAndKommoHostsAreAccepted() {
    assertThat(AmoReferer.parse("acme.amocrm.ru", "1").account().zone())
        .isEqualTo(AmoZone.AMOCRM_RU);
    assertThat(AmoReferer.parse("https://Acme-2.amocrm.com/", "1").host())
        .isEqualTo("acme-2.amocrm.com");
    assertThat(AmoReferer.parse("acme.kommo.com", "2").account().zone())
        .isEqualTo(AmoZone.KOMMO_COM);
    assertThat(AmoReferer.parse("acme.kommo.com", null).host()).isEqualTo("acme.kommo.com");
  }

  @Test
  void everythingElseIsRefusedWithoutEchoingUserInfo() {
    for (String bad : new String[] {"evil.com", "acme.amocrm.ru.evil.com", "amocrm.ru",
        "a.b.amocrm.ru", "acme.amocrm.ru:8443", "acme.amocrm.ru/path", "xn--80ak6aa92e.amocrm.ru",
        "-acme.amocrm.ru", "acme.amocrm.ru\n", "", "аcme.amocrm.ru"}) {
      assertThatThrownBy(() -> AmoReferer.parse(bad, null)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("referer");
    }
    assertThatThrownBy(() -> AmoReferer.parse("user:pw@acme.amocrm.ru", null))
        .hasMessageNotContaining("pw@");
  }

  @Test
  void thePlatformMustMatchTheZone() {
    assertThatThrownBy(() -> AmoReferer.parse("acme.kommo.com", "1"))
        .hasMessageContaining("platform");
    assertThatThrownBy(() -> AmoReferer.parse("acme.amocrm.ru", "2"))
        .hasMessageContaining("platform");
    assertThatThrownBy(() -> AmoReferer.parse("acme.amocrm.ru", "7"))
        .hasMessageContaining("platform");
  }
}
