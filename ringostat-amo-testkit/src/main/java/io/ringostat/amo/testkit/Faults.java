package io.ringostat.amo.testkit;

import io.ringostat.amo.testkit.internal.FaultInjector;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Fault injection for an {@link AmoEmulator}: scripted faults for the next requests that match a
 * method and path prefix, seeded random faults, and latency. Scripted faults win over random ones;
 * random faults are drawn from the emulator's seed, so a single-threaded test replays identically.
 * Thread-safe; changes apply to the next request.
 *
 * <pre>{@code
 * amo.faults().failNext(1, FaultKind.DISCONNECT_AFTER_APPLY, "POST", "/api/v4/leads/complex");
 * amo.faults().random(0.2, EnumSet.of(FaultKind.UNAVAILABLE_503), "/api/v4/");
 * }</pre>
 */
public final class Faults {
  private final FaultInjector injector;

  Faults(FaultInjector injector) {
    this.injector = injector;
  }

  /**
   * Makes the next {@code n} requests with {@code method} (null or {@code "*"}: any) whose path
   * starts with {@code pathPrefix} fail with {@code kind}.
   */
  public Faults failNext(int n, FaultKind kind, String method, String pathPrefix) {
    injector.script(n, kind, method, Objects.requireNonNull(pathPrefix, "pathPrefix"));
    return this;
  }

  /** Like {@link #failNext(int, FaultKind, String, String)} for any method. */
  public Faults failNext(int n, FaultKind kind, String pathPrefix) {
    return failNext(n, kind, "*", pathPrefix);
  }

  /**
   * Makes each request whose path starts with {@code pathPrefix} fail with {@code probability},
   * with a kind picked uniformly from {@code kinds}.
   */
  public Faults random(double probability, Set<FaultKind> kinds, String pathPrefix) {
    List<FaultKind> ordered = kinds.stream().sorted().toList();
    injector.random(probability, ordered, Objects.requireNonNull(pathPrefix, "pathPrefix"));
    return this;
  }

  /** Delays every response by {@code latency} (server-side, before the headers). */
  public Faults latency(Duration latency) {
    injector.latency(latency);
    return this;
  }

  /** How long a {@link FaultKind#STALL} holds the response back; default 30 s. */
  public Faults stallDuration(Duration duration) {
    injector.stall(duration);
    return this;
  }

  /** How long a {@link FaultKind#SLOW} delays the response; default 1 s. */
  public Faults slowDuration(Duration duration) {
    injector.slow(duration);
    return this;
  }

  /** Scripted faults that have not fired yet. */
  public int pending() {
    return injector.pending();
  }

  /** Removes every scripted and random fault and the latency; restarts the random sequence. */
  public void clear() {
    injector.clear();
  }
}
