package io.ringostat.amo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code serve}: listens, takes a signed event, stops cleanly. */
class ServeCommandTest {
  /** Any variable set in every test environment, long enough to be a secret. */
  static final String SECRET_ENV = "PATH";

  @Test
  void servesASignedEventAndStops() throws Exception {
    CommandLine cl = RingostatAmo.commandLine(false);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("serve",
        "--settings", Cli.SETTINGS.toString(), "--emulator", "--rate-limit", "200", "--port", "0",
        "--secret-env", SECRET_ENV));
    URI base = awaitListening(out, exit);
    String event = "{\"call_id\":\"s-1\",\"phase\":\"ENDED\",\"direction\":\"INBOUND\","
        + "\"disposition\":\"NO_ANSWER\",\"client_phone\":\"+380931112233\","
        + "\"started_at\":\"2026-11-25T10:30:00Z\",\"ended_at\":\"2026-11-25T10:30:40Z\"}";

    HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        base.resolve("/calls")).header("X-Ringostat-Signature", sign(event))
        .POST(HttpRequest.BodyPublishers.ofString(event)).build(),
        HttpResponse.BodyHandlers.ofString());
    ServeCommand serve = cl.getSubcommands().get("serve").getCommand();
    serve.stop.countDown();

    assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
    assertThat(exit.get(20, TimeUnit.SECONDS)).as(out + "\n" + err).isZero();
    assertThat(out.toString()).contains("Stopped;");
    assertThat(out + err.toString()).doesNotContain(System.getenv(SECRET_ENV));
  }

  @Test
  void installsAnAccountFromTheEmulatorsConsentPage(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    java.nio.file.Path key = dir.resolve("vault.key");
    java.nio.file.Files.writeString(key, java.util.Base64.getEncoder()
        .encodeToString(new byte[32]));
    CommandLine cl = RingostatAmo.commandLine(false);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("serve",
        "--settings", Cli.SETTINGS.toString(), "--emulator", "--rate-limit", "200", "--port", "0",
        "--secret-env", SECRET_ENV, "--oauth-client-id", "cli-client",
        "--oauth-secret-env", SECRET_ENV,
        "--oauth-redirect-uri", "https://pbx.example.com/amocrm/install",
        "--vault", dir.resolve("vault").toString(), "--vault-key-file", key.toString()));
    URI base = awaitListening(out, exit);
    Pattern linkLine = Pattern.compile("Install link \\(single use, 15 minutes\\):\\R(\\S+)");
    Matcher link = linkLine.matcher(out.toString());
    for (int i = 0; i < 200 && !link.find(); i++) {
      Thread.sleep(50); // printed right after "Listening on"
      link = linkLine.matcher(out.toString());
    }
    link = linkLine.matcher(out.toString());
    assertThat(link.find()).as(out.toString()).isTrue();
    HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> consent = http.send(HttpRequest.newBuilder(URI.create(link.group(1)))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    String redirect = consent.headers().firstValue("Location").orElseThrow()
        .replace("https://pbx.example.com", base.toString());
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(redirect)).GET()
        .build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> replay = http.send(HttpRequest.newBuilder(URI.create(redirect)).GET()
        .build(), HttpResponse.BodyHandlers.ofString());
    ServeCommand serve = cl.getSubcommands().get("serve").getCommand();
    serve.stop.countDown();

    assertThat(consent.statusCode()).isEqualTo(302);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body()).contains("Integration installed").contains("demo.amocrm.ru");
    assertThat(replay.statusCode()).isEqualTo(400);
    assertThat(exit.get(20, TimeUnit.SECONDS)).as(out + "\n" + err).isZero();
    assertThat(java.nio.file.Files.readString(dir.resolve("vault").resolve("secrets.db"),
        StandardCharsets.ISO_8859_1)).doesNotContain(System.getenv(SECRET_ENV));
    assertThat(out + err.toString()).doesNotContain(System.getenv(SECRET_ENV));
  }

  @Test
  void aMissingSecretVariableIsAUsageError() {
    Cli.Run run = Cli.run("serve", "--settings", Cli.SETTINGS.toString(), "--emulator",
        "--secret-env", "RINGOSTAT_AMO_SURELY_UNSET_42");

    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.errText()).contains("RINGOSTAT_AMO_SURELY_UNSET_42: the environment variable"
        + " is not set");
  }

  private static URI awaitListening(StringWriter out, CompletableFuture<Integer> exit)
      throws InterruptedException {
    Pattern p = Pattern.compile("Listening on (http://[0-9.]+:[0-9]+)");
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < end && !exit.isDone()) {
      Matcher m = p.matcher(out.toString());
      if (m.find()) {
        return URI.create(m.group(1));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("serve did not start: " + out);
  }

  private static String sign(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(System.getenv(SECRET_ENV).getBytes(StandardCharsets.UTF_8),
        "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(
        StandardCharsets.UTF_8)));
  }
}
