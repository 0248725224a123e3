package io.ringostat.amo.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Install states: begun here, short-lived, single use; the disconnect hook's signature. */
class InstallStatesTest {
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-04T10:00:00Z"));
  final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };

  @Test
  void aStateIsAcceptedOnceAndOnlyIfBegunHere() {
    InstallStates states = new InstallStates(clock, Duration.ofMinutes(15));
    String state = states.begin();

    assertThat(state).hasSizeGreaterThanOrEqualTo(43);
    assertThat(states.consume("not-" + state)).isFalse();
    assertThat(states.consume(state)).isTrue();
    assertThat(states.consume(state)).isFalse();
    assertThat(states.consume(null)).isFalse();
  }

  @Test
  void anExpiredStateIsRefused() {
    InstallStates states = new InstallStates(clock, Duration.ofMinutes(15));
    String state = states.begin();
    now.set(now.get().plus(Duration.ofMinutes(15)));

    assertThat(states.consume(state)).isFalse();
  }

  @Test
  void pendingStatesAreBounded() {
    InstallStates states = new InstallStates(clock, Duration.ofMinutes(15));
    String first = states.begin();
    for (int i = 0; i < InstallStates.MAX_PENDING; i++) {
      states.begin();
    }
    assertThat(states.pending()).isEqualTo(InstallStates.MAX_PENDING);
    assertThat(states.consume(first)).isFalse();
  }

  @Test
  void theDisconnectSignatureIsHmacSha256OfClientAndAccount() {
    DisconnectSignature s = new DisconnectSignature("client-1", "secret-1");
    // printf 'client-1|42' | openssl dgst -sha256 -hmac secret-1
    String good = hmac("secret-1", "client-1|42");

    assertThat(s.verify("client-1", "42", good)).isTrue();
    assertThat(s.verify("client-1", "42", good.toUpperCase())).isTrue();
    assertThat(s.verify("client-1", "43", good)).isFalse();
    assertThat(s.isOurs("client-2")).isFalse();
    assertThat(s.toString()).doesNotContain("secret-1");
  }

  private static String hmac(String key, String text) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(), "HmacSHA256"));
      return java.util.HexFormat.of().formatHex(mac.doFinal(text.getBytes()));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
