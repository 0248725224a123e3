package io.ringostat.amo.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Tokens and client secrets sealed at rest, rotation, tampering (issue 18). */
class SecretVaultTest {
  static final String ACCESS = "canary-access-7f3a9c";
  static final String REFRESH = "canary-refresh-51d0e2";
  static final String CLIENT_SECRET = "canary-client-secret-9be4";

  static byte[] key(int seed) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) seed);
    return k;
  }

  static TokenKeys keys(String id, int seed) {
    return TokenKeys.builder().current(id, key(seed)).build();
  }

  final MemoryRecords records = new MemoryRecords();

  @Test
  void storedRecordsNeverHoldTheSecretsInClear() {
    SecretVault vault = SecretVault.open(records, keys("k1", 1));
    vault.tokenStore("acme").save(new TokenPair(ACCESS, REFRESH, Instant.EPOCH));
    vault.saveClientSecret("client-1", CLIENT_SECRET);

    assertThat(records.names()).containsExactly("client-secret/client-1", "tokens/acme");
    for (byte[] sealed : records.map.values()) {
      String raw = new String(sealed, StandardCharsets.ISO_8859_1);
      assertThat(raw).doesNotContain(ACCESS).doesNotContain(REFRESH)
          .doesNotContain(CLIENT_SECRET);
    }
    assertThat(vault.tokenStore("acme").load().refreshToken()).isEqualTo(REFRESH);
    assertThat(vault.clientSecret("client-1")).contains(CLIENT_SECRET);
  }

  @Test
  void twoWritesOfTheSameSecretDifferBecauseEachHasAFreshNonce() {
    SecretVault vault = SecretVault.open(records, keys("k1", 1));
    vault.saveClientSecret("c", CLIENT_SECRET);
    byte[] first = records.map.get("client-secret/c");
    vault.saveClientSecret("c", CLIENT_SECRET);
    assertThat(records.map.get("client-secret/c")).isNotEqualTo(first);
  }

  @Test
  void aRecordCopiedToAnotherAccountDoesNotOpen() {
    SecretVault vault = SecretVault.open(records, keys("k1", 1));
    vault.tokenStore("acme").save(new TokenPair(ACCESS, REFRESH, Instant.EPOCH));
    records.write("tokens/evil", records.read("tokens/acme").orElseThrow());

    assertThatThrownBy(() -> vault.tokenStore("evil").load())
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("tokens/evil").hasMessageContaining("failed authentication")
        .hasMessageNotContaining(REFRESH);
  }

  @Test
  void anAlteredRecordDoesNotOpen() {
    SecretVault vault = SecretVault.open(records, keys("k1", 1));
    vault.saveClientSecret("c", CLIENT_SECRET);
    byte[] sealed = records.map.get("client-secret/c");
    sealed[sealed.length - 1] ^= 1;

    assertThatThrownBy(() -> vault.clientSecret("c"))
        .isInstanceOf(SecretStoreException.class).hasMessageContaining("failed authentication");
  }

  @Test
  void rotationOpensOldRecordsAndResealsThemUnderTheCurrentKey() {
    SecretVault old = SecretVault.open(records, keys("2026-06", 1));
    old.tokenStore("acme").save(new TokenPair(ACCESS, REFRESH, Instant.EPOCH));
    old.saveClientSecret("c", CLIENT_SECRET);
    TokenKeys rotated = TokenKeys.builder().current("2026-12", key(2))
        .retired("2026-06", key(1)).build();
    SecretVault vault = SecretVault.open(records, rotated);

    assertThat(vault.clientSecret("c")).contains(CLIENT_SECRET); // lazily re-sealed
    assertThat(TokenKeys.keyIdOf("client-secret/c", records.map.get("client-secret/c")))
        .isEqualTo("2026-12");
    assertThat(vault.reseal()).isEqualTo(1); // the tokens
    assertThat(vault.reseal()).isZero();

    SecretVault newOnly = SecretVault.open(records, keys("2026-12", 2));
    assertThat(newOnly.tokenStore("acme").load().accessToken()).isEqualTo(ACCESS);
  }

  @Test
  void aMissingKeyIsNamedWithoutShowingAnySecret() {
    SecretVault.open(records, keys("2026-06", 1)).saveClientSecret("c", CLIENT_SECRET);
    SecretVault vault = SecretVault.open(records, keys("2026-12", 2));

    assertThatThrownBy(() -> vault.clientSecret("c"))
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("'2026-06'").hasMessageContaining("retired")
        .hasMessageNotContaining(CLIENT_SECRET);
  }

  @Test
  void keysAndVaultShowNoSecretInToString() {
    TokenKeys k = keys("k1", 7);
    SecretVault vault = SecretVault.open(records, k);
    TokenStore store = vault.tokenStore("acme");
    store.save(new TokenPair(ACCESS, REFRESH, Instant.EPOCH));

    assertThat(k.toString()).isEqualTo("TokenKeys[current=k1, keys=[k1]]");
    assertThat(vault + " " + store + " " + store.load()).doesNotContain(ACCESS)
        .doesNotContain(REFRESH);
  }

  @Test
  void badKeysAreRefusedClearly() {
    assertThatThrownBy(() -> TokenKeys.builder().current("k", new byte[16]))
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> TokenKeys.builder().current("bad id", key(1)))
        .hasMessageContaining("key id");
    assertThatThrownBy(() -> TokenKeys.builder().build()).hasMessageContaining("current");
  }

  @Test
  void theStoreKeepsThePreviousRefreshTokenAndRecordsRefusals() {
    SecretVault vault = SecretVault.open(records, keys("k1", 1));
    TokenStore store = vault.tokenStore("acme");
    TokenPair first = new TokenPair("a1", "r1", Instant.EPOCH);
    TokenPair second = new TokenPair("a2", "r2", Instant.EPOCH);
    store.save(first);
    store.refreshStarted(first);
    assertThat(store.unfinishedRefresh()).isPresent();
    store.save(second);

    assertThat(store.unfinishedRefresh()).isEmpty();
    assertThat(store.previousRefreshToken()).contains("r1");
    assertThat(store.isRefused(second)).isFalse();
    store.refreshRefused(second, "test");
    assertThat(store.isRefused(second)).isTrue();
    store.save(new TokenPair("a3", "r3", Instant.EPOCH)); // a re-install
    assertThat(store.isRefused(store.load())).isFalse();
  }
}
