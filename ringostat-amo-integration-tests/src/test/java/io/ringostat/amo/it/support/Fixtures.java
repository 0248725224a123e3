package io.ringostat.amo.it.support;

import io.ringostat.amo.engine.EngineListener;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.journal.Journal;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.json.SettingsJson;
import io.ringostat.amo.okhttp.AmoOkHttpGateway;
import io.ringostat.amo.okhttp.LongLivedToken;
import io.ringostat.amo.okhttp.RetryPolicy;
import io.ringostat.amo.testkit.AmoEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The demo account of {@code examples/src/main/resources/demo/settings.json} (copied to
 * {@code it/settings.json}): Iryna (504140, SIP {@code iryna}) is the senior manager, Olena
 * (504141, {@code olena}), Andriy (504142, {@code andriy}) and Maksym (504143, {@code maksym})
 * take calls; pipeline "Sales" (3383152) is the default, "Context ads" (3383153, stage 33929800)
 * gets calls from the pool "Context ads".
 */
public final class Fixtures {
  public static final long SENIOR = 504140;
  public static final long OLENA = 504141;
  public static final long ANDRIY = 504142;
  public static final long MAKSYM = 504143;
  public static final long SALES = 3383152;
  public static final long SALES_NEW = 33929752;
  public static final long ADS = 3383153;
  public static final long ADS_NEW = 33929800;

  /** A rate every gateway of these tests asks for (the JVM-wide limiter keeps the lowest). */
  public static final double GATEWAY_RATE = 150;

  private Fixtures() {}

  public static String resource(String name) {
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(name)) {
      Objects.requireNonNull(in, name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The demo settings as shipped. */
  public static IntegrationSettings demo() {
    return SettingsJson.parse(resource("it/settings.json"));
  }

  /** A builder starting from the demo settings. */
  public static IntegrationSettings.Builder demoBuilder() {
    IntegrationSettings.Builder b = IntegrationSettings.builder();
    b.from(demo());
    return b;
  }

  /** An emulator of the settings' account with a rate limit well above the gateway's. */
  public static AmoEmulator.Builder emulator(IntegrationSettings settings) {
    return AmoEmulator.builder().fromSettings(settings).rateLimit(200).blockAfter(0);
  }

  /** A gateway to {@code amo} with small retry backoffs and short timeouts. */
  public static AmoOkHttpGateway.Builder gateway(AmoEmulator amo, IntegrationSettings settings,
      String token) {
    return AmoOkHttpGateway.builder()
        .account(settings.account())
        .insecureLocalBaseUrl(amo.baseUrl())
        .credentials(LongLivedToken.of(token))
        .rateLimit(GATEWAY_RATE)
        .retryPolicy(RetryPolicy.DEFAULT.withBackoff(Duration.ofMillis(5), Duration.ofMillis(50)))
        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(2));
  }

  /** An engine with a fast redelivery backoff. */
  public static IntegrationEngine.Builder engine(IntegrationSettings settings,
      AmoOkHttpGateway gateway, Journal journal, EngineListener listener) {
    return IntegrationEngine.builder()
        .settings(settings)
        .amo(gateway)
        .journal(journal)
        .listener(listener)
        .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(200));
  }

  public static <T> T with(T value, Consumer<T> tweak) {
    tweak.accept(value);
    return value;
  }

  /** A boolean system property; blank or absent is false. */
  public static boolean flag(String name) {
    return Boolean.parseBoolean(System.getProperty(name, "false").trim());
  }

  /** A long system property, or {@code fallback} when blank or absent. */
  public static long seed(String name, long fallback) {
    String v = System.getProperty(name, "").trim();
    return v.isEmpty() ? fallback : Long.parseLong(v);
  }
}
