package io.ringostat.amo.okhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BaseUrlsTest {
  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:65536", "http://localhost:99999",
      "https://127.0.0.1:0", "http://127.0.0.1:00000"})
  void aLocalPortOutside1To65535IsRefused(String url) {
    assertThatThrownBy(() -> BaseUrls.insecureLocal(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the port must be between 1 and 65535");
  }

  @Test
  void theEdgesOfThePortRangeAreAccepted() {
    assertThat(BaseUrls.insecureLocal("http://127.0.0.1:65535").port()).isEqualTo(65535);
    assertThat(BaseUrls.insecureLocal("http://localhost:1/").port()).isEqualTo(1);
    assertThatThrownBy(() -> BaseUrls.insecureLocal("http://127.0.0.1:123456"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void userInfoIsRefusedWithoutEchoingIt() {
    String canary = "CANARY-s3cr3t-7f1d";
    assertThatThrownBy(() -> BaseUrls.insecureLocal("http://u:" + canary + "@127.0.0.1:8080"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not contain a user name or password")
        .hasMessageNotContaining(canary);
    assertThatThrownBy(() -> BaseUrls.subdomain("acme:" + canary + "@evil"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not contain a user name or password")
        .hasMessageNotContaining(canary);
  }
}
