package io.ringostat.amo.testkit;

import static io.ringostat.amo.testkit.Shapes.assertFields;
import static io.ringostat.amo.testkit.TestHttp.j;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Long-lived tokens, OAuth with single-use refresh tokens, revocation (reference §1). */
class AuthTest {
  private static final String CLIENT =
      j(
          "'client_id':'int-1','client_secret':'s3cret',"
              + "'redirect_uri':'https://pbx.example.com/cb'");

  private final ManualClock clock = ManualClock.at(Instant.parse("2025-01-15T10:00:00Z"));
  private AmoEmulator amo;

  @AfterEach
  void stop() {
    if (amo != null) {
      amo.close();
    }
  }

  private AmoEmulator start() {
    amo =
        AmoEmulator.builder()
            .clock(clock)
            .rateLimit(0)
            .longLivedToken("long-lived-1")
            .oauthClient("int-1", "s3cret", "https://pbx.example.com/cb", "def502initial")
            .authorizationCode("code-1")
            .accessTokenLifetime(Duration.ofHours(1))
            .start();
    return amo;
  }

  private static void assertUnauthorized(TestHttp.Resp r) {
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.contentType()).isEqualTo("application/problem+json");
    JsonNode b = r.json();
    assertThat(b.get("title").asText()).isEqualTo("Unauthorized");
    assertThat(b.get("type").asText()).isEqualTo("https://httpstatus.es/401");
    assertThat(b.get("status").asInt()).isEqualTo(401);
    assertThat(b.get("detail").asText()).isEqualTo("Invalid user name or password");
  }

  @Test
  void apiNeedsAValidBearerToken() throws Exception {
    start();
    TestHttp http = new TestHttp(amo);
    assertThat(amo.token()).isEqualTo("long-lived-1");
    assertThat(http.get("/api/v4/account").status()).isEqualTo(200);
    assertUnauthorized(http.withToken(null).get("/api/v4/account"));
    assertUnauthorized(http.withToken("nope").get("/api/v4/contacts"));
  }

  @Test
  void aGeneratedTokenExistsWhenNoneIsConfigured() throws Exception {
    amo = AmoEmulator.builder().start();
    assertThat(amo.token()).isNotBlank();
    assertThat(new TestHttp(amo).get("/api/v4/account").status()).isEqualTo(200);
  }

  @Test
  void revokedTokensGet401AndNewOnesWork() throws Exception {
    start();
    TestHttp http = new TestHttp(amo);
    assertThat(amo.revokeToken("long-lived-1")).isTrue();
    assertUnauthorized(http.get("/api/v4/account"));
    amo.issueLongLivedToken("long-lived-2");
    assertThat(http.withToken("long-lived-2").get("/api/v4/account").status()).isEqualTo(200);
    amo.revokeAllTokens();
    assertUnauthorized(http.withToken("long-lived-2").get("/api/v4/account"));
  }

  private TestHttp.Resp token(String grant) throws Exception {
    return new TestHttp(amo.baseUrl(), null, new okhttp3.OkHttpClient())
        .post("/oauth2/access_token", "{" + CLIENT + "," + j(grant) + "}");
  }

  @Test
  void authorizationCodeExchangesOnceForAPair() throws Exception {
    start();
    TestHttp.Resp r = token("'grant_type':'authorization_code','code':'code-1'");
    assertThat(r.status()).isEqualTo(200);
    JsonNode pair = r.json();
    assertFields(
        pair,
        "token_type:string",
        "expires_in:int",
        "server_time:int",
        "access_token:string",
        "refresh_token:string");
    assertThat(pair.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(pair.get("expires_in").asLong()).isEqualTo(3600);
    assertThat(pair.get("server_time").asLong()).isEqualTo(clock.instant().getEpochSecond());
    assertThat(pair.get("access_token").asText()).startsWith("eyJ").contains(".");
    TestHttp http = new TestHttp(amo).withToken(pair.get("access_token").asText());
    assertThat(http.get("/api/v4/account").status()).isEqualTo(200);

    TestHttp.Resp again = token("'grant_type':'authorization_code','code':'code-1'");
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.json().get("hint").asText()).isEqualTo("Authorization code has been revoked");
  }

  @Test
  void refreshTokensAreSingleUse() throws Exception {
    start();
    TestHttp.Resp first = token("'grant_type':'refresh_token','refresh_token':'def502initial'");
    assertThat(first.status()).isEqualTo(200);
    String newRefresh = first.json().get("refresh_token").asText();
    assertThat(newRefresh).isNotEqualTo("def502initial").startsWith("def502");

    TestHttp.Resp reuse = token("'grant_type':'refresh_token','refresh_token':'def502initial'");
    assertThat(reuse.status()).isEqualTo(401);
    assertThat(reuse.contentType()).isEqualTo("application/problem+json");
    JsonNode b = reuse.json();
    assertFields(b, "hint:string", "title:string", "type:string", "status:int", "detail:string");
    assertThat(b.get("hint").asText()).isEqualTo("Token has been revoked");
    assertThat(b.get("type").asText())
        .isEqualTo("https://developers.amocrm.ru/v3/errors/OAuthProblemJson");

    TestHttp.Resp next = token("'grant_type':'refresh_token','refresh_token':'" + newRefresh + "'");
    assertThat(next.status()).isEqualTo(200);
  }

  @Test
  void accessTokensExpireByTheInjectedClock() throws Exception {
    start();
    String access =
        token("'grant_type':'refresh_token','refresh_token':'def502initial'")
            .json()
            .get("access_token")
            .asText();
    TestHttp http = new TestHttp(amo).withToken(access);
    clock.advance(Duration.ofMinutes(59));
    assertThat(http.get("/api/v4/account").status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(2));
    assertUnauthorized(http.get("/api/v4/account"));
  }

  @Test
  void wrongClientOrGrantIsRejected() throws Exception {
    start();
    TestHttp anon = new TestHttp(amo.baseUrl(), null, new okhttp3.OkHttpClient());
    TestHttp.Resp badSecret =
        anon.post(
            "/oauth2/access_token",
            j(
                "{'client_id':'int-1',"
                    + "'client_secret':'wrong','redirect_uri':'https://pbx.example.com/cb',"
                    + "'grant_type':'refresh_token','refresh_token':'def502initial'}"));
    assertThat(badSecret.status()).isEqualTo(401);
    assertThat(badSecret.json().get("hint").asText()).isEqualTo("Client authentication failed");
    assertThat(token("'grant_type':'password'").status()).isEqualTo(400);
    assertThat(token("'grant_type':'refresh_token','refresh_token':'never-issued'").status())
        .isEqualTo(401);
    // The failed attempts did not burn the refresh token.
    assertThat(token("'grant_type':'refresh_token','refresh_token':'def502initial'").status())
        .isEqualTo(200);
  }

  @Test
  void revokeAllTokensAlsoRevokesRefreshTokens() throws Exception {
    start();
    amo.revokeAllTokens();
    TestHttp.Resp r = token("'grant_type':'refresh_token','refresh_token':'def502initial'");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("hint").asText()).isEqualTo("Token has been revoked");
    amo.issueAuthorizationCode("code-2");
    assertThat(token("'grant_type':'authorization_code','code':'code-2'").status()).isEqualTo(200);
  }

  @Test
  void tokensNeverAppearInLogOrToString() throws Exception {
    start();
    new TestHttp(amo).get("/api/v4/account");
    token("'grant_type':'refresh_token','refresh_token':'def502initial'");
    assertThat(amo.requestLog()).hasSize(2);
    assertThat(amo.requestLog().toString() + amo)
        .doesNotContain("long-lived-1")
        .doesNotContain("def502")
        .doesNotContain("s3cret");
  }
}
