package io.ringostat.amo.journal.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.okhttp.SecretVault;
import io.ringostat.amo.okhttp.TokenKeys;
import io.ringostat.amo.okhttp.TokenPair;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tokens and client secrets in PostgreSQL: sealed, never in clear in the table (issue 18). */
class SealedRecordsCanaryTest {
  static final String ACCESS = "canary-pg-access-a71c";
  static final String REFRESH = "canary-pg-refresh-93be";
  static final String CLIENT_SECRET = "canary-pg-client-secret-0d4f";

  @Test
  void theTableNeverHoldsTheCanariesInClear() throws Exception {
    String schema = TestDatabase.freshSchema();
    PostgresSecretRecords records = PostgresSecretRecords.open(TestDatabase.shared(), schema);
    SecretVault vault = SecretVault.open(records,
        TokenKeys.builder().current("k1", new byte[32]).build());
    vault.tokenStore("acme").save(new TokenPair(ACCESS, REFRESH, Instant.EPOCH));
    vault.saveClientSecret("client-1", CLIENT_SECRET);
    vault.tokenStore("acme").save(new TokenPair(ACCESS + "2", REFRESH + "2", Instant.EPOCH));

    List<String> rows = new ArrayList<>();
    try (Connection c = TestDatabase.shared().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT name, encode(sealed, 'escape'), sealed FROM "
            + schema + ".sealed_records")) {
      while (r.next()) {
        rows.add(r.getString(1) + " " + r.getString(2) + " "
            + new String(r.getBytes(3), StandardCharsets.ISO_8859_1));
      }
    }
    assertThat(rows).hasSize(2);
    assertThat(String.join("\n", rows)).doesNotContain("canary");
    assertThat(vault.tokenStore("acme").load().refreshToken()).isEqualTo(REFRESH + "2");
    assertThat(vault.tokenStore("acme").previousRefreshToken()).contains(REFRESH);
    assertThat(vault.clientSecret("client-1")).contains(CLIENT_SECRET);
  }

  @Test
  void theTableIsGrantedToNobodyButItsOwner() throws Exception {
    String schema = TestDatabase.freshSchema();
    PostgresSecretRecords.open(TestDatabase.shared(), schema);
    try (Connection c = TestDatabase.shared().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM information_schema.role_table_grants"
            + " WHERE table_schema = '" + schema + "' AND table_name = 'sealed_records'"
            + " AND grantee <> (SELECT tableowner FROM pg_tables WHERE schemaname = '" + schema
            + "' AND tablename = 'sealed_records')")) {
      r.next();
      assertThat(r.getLong(1)).isZero();
    }
  }
}
