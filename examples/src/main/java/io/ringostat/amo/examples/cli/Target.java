package io.ringostat.amo.examples.cli;

import io.ringostat.amo.engine.EngineListener;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.engine.journal.Journal;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.okhttp.AmoOkHttpGateway;
import io.ringostat.amo.okhttp.LongLivedToken;
import io.ringostat.amo.testkit.AmoEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The amoCRM a command talks to: a gateway, and the emulator behind it when the target is {@code
 * --emulator}. Closing it stops the emulator.
 */
final class Target implements AutoCloseable {
  private final IntegrationSettings settings;
  private final AmoOkHttpGateway gateway;
  private final Optional<AmoEmulator> emulator;
  private final String description;
  private final boolean owner;

  private Target(IntegrationSettings settings, AmoOkHttpGateway gateway,
      Optional<AmoEmulator> emulator, String description, boolean owner) {
    this.settings = settings;
    this.gateway = gateway;
    this.emulator = emulator;
    this.description = description;
    this.owner = owner;
  }

  /** The same amoCRM with other settings (another matrix); closing it stops nothing. */
  Target withSettings(IntegrationSettings other) {
    return new Target(other, gateway, emulator, description, false);
  }

  /** A fresh emulator seeded from the settings, and a gateway to it, both at {@code rate}/s. */
  static Target emulator(IntegrationSettings settings, double rate) {
    return emulator(settings, rate, AmoEmulator.builder().fromSettings(settings));
  }

  /** An emulator from {@code builder} (already seeded), and a gateway to it at {@code rate}/s. */
  static Target emulator(IntegrationSettings settings, double rate, AmoEmulator.Builder builder) {
    AmoEmulator amo = builder.rateLimit((int) Math.ceil(rate)).start();
    AmoOkHttpGateway gateway = AmoOkHttpGateway.builder()
        .account(settings.account())
        .insecureLocalBaseUrl(amo.baseUrl())
        .credentials(LongLivedToken.of(amo.token()))
        .rateLimit(rate)
        .build();
    return new Target(settings, gateway, Optional.of(amo), "the amoCRM emulator at "
        + amo.baseUrl() + " (account " + settings.account().host() + ", " + fmt(rate) + " req/s)",
        true);
  }

  /** A gateway to a real account, or a local server that speaks its API. */
  static Target remote(IntegrationSettings settings, AmoUrl url, String token, double rate) {
    AmoOkHttpGateway.Builder b = AmoOkHttpGateway.builder()
        .credentials(LongLivedToken.of(token))
        .rateLimit(rate);
    if (url.localBaseUrl().isPresent()) {
      b.account(settings.account()).insecureLocalBaseUrl(url.localBaseUrl().get());
    } else {
      b.account(url.account().filter(a -> a.host().equals(settings.account().host()))
          .map(a -> settings.account()).orElse(url.account().get()));
    }
    return new Target(settings, b.build(), Optional.empty(), url.origin() + " ("
        + fmt(rate) + " req/s)", true);
  }

  AmoOkHttpGateway gateway() {
    return gateway;
  }

  Optional<AmoEmulator> emulator() {
    return emulator;
  }

  String description() {
    return description;
  }

  /** An engine over this target, with the CLI's retry backoff (0.5 s doubling to 10 s). */
  IntegrationEngine engine(Journal journal, Clock clock, EngineListener listener) {
    return IntegrationEngine.builder()
        .settings(settings)
        .amo(gateway)
        .journal(journal)
        .clock(clock)
        .listener(listener)
        .retryBackoff(Duration.ofMillis(500), Duration.ofSeconds(10))
        .build();
  }

  /** Replays {@code calls} through a throw-away engine; returns the number of events. */
  int seed(Path calls) {
    java.util.List<CallsFile.Line> lines;
    try {
      lines = CallsFile.read(calls);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (IntegrationEngine engine = engine(new InMemoryJournal(), Clock.systemUTC(),
        EngineListener.NONE)) {
      engine.activate();
      int n = 0;
      for (CallsFile.Line l : lines) {
        if (l.event().isPresent()) {
          engine.handle(l.event().get());
          n++;
        }
      }
      return n;
    }
  }

  @Override
  public void close() {
    if (owner) {
      emulator.ifPresent(AmoEmulator::close);
    }
  }

  static String fmt(double rate) {
    return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
  }
}
