package io.ringostat.amo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.settings.AmoZone;
import org.junit.jupiter.api.Test;

class AmoUrlTest {
  @Test
  void accountOrigins() {
    assertThat(AmoUrl.parse("https://MyCompany.amocrm.ru/", false).account().orElseThrow().host())
        .isEqualTo("mycompany.amocrm.ru");
    assertThat(AmoUrl.parse("https://shop.kommo.com", false).account().orElseThrow().zone())
        .isEqualTo(AmoZone.KOMMO_COM);
  }

  @Test
  void localServersOnlyWithTheOptIn() {
    assertThat(AmoUrl.parse("http://127.0.0.1:8080", true).localBaseUrl())
        .contains("http://127.0.0.1:8080");
    assertThat(AmoUrl.parse("http://localhost:9000/", true).localBaseUrl())
        .contains("http://localhost:9000");
    assertThatThrownBy(() -> AmoUrl.parse("http://127.0.0.1:8080", false))
        .hasMessageContaining("--allow-insecure-local");
    assertThatThrownBy(() -> AmoUrl.parse("http://localhost", true))
        .hasMessageContaining("needs a port");
  }

  @Test
  void aLocalPortOutside1To65535IsRefused() {
    for (String bad : new String[] {"http://127.0.0.1:65536", "http://localhost:99999",
        "http://127.0.0.1:0"}) {
      assertThatThrownBy(() -> AmoUrl.parse(bad, true)).as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("the port must be between 1 and 65535");
    }
    assertThatThrownBy(() -> AmoUrl.parse("http://127.0.0.1:99999999999", true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(AmoUrl.parse("http://127.0.0.1:65535", true).localBaseUrl())
        .contains("http://127.0.0.1:65535");
    assertThat(AmoUrl.parse("http://localhost:1", true).localBaseUrl())
        .contains("http://localhost:1");
  }

  @Test
  void userInfoIsRefusedWithoutEchoingIt() {
    String canary = "CANARY-s3cr3t-7f1d";
    for (String bad : new String[] {"https://acme:" + canary + "@acme.amocrm.ru",
        "https://" + canary + "@acme.amocrm.ru", "https://acme:" + canary + "@acme_x.amocrm.ru",
        "https://acme:" + canary + " x@acme.amocrm.ru", "http://u:" + canary + "@127.0.0.1:8080",
        "https://acme.amocrm.ru@" + canary + ".example.com"}) {
      assertThatThrownBy(() -> AmoUrl.parse(bad, true)).as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must not contain a user name or password")
          .hasMessageNotContaining(canary);
    }
  }

  @Test
  void everythingElseIsRefused() {
    for (String bad : new String[] {"http://demo.amocrm.ru", "https://evil.example.com",
        "https://a.b.amocrm.ru", "https://demo.amocrm.ru:8443", "https://demo.amocrm.ru/api",
        "https://user@demo.amocrm.ru", "https://xn--80a.amocrm.ru", "ftp://demo.amocrm.ru",
        "demo", "https://demo.amocrm.ru.evil.com"}) {
      assertThatThrownBy(() -> AmoUrl.parse(bad, true)).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
