package io.ringostat.amo.webhooks;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code state} values of installations the host started (reference §1.1): each is random
 * (256 bits), lives {@link #ttl} (default 15 minutes), and is accepted once. The host calls {@link
 * #begin()} when a customer asks to install and sends the customer to {@link
 * #authorizeUrl}; amoCRM brings the state back on its redirect, and a state that was not begun
 * here, has expired or was used already is refused: a forged or replayed redirect installs
 * nothing.
 *
 * <p>Kept in memory: a restart forgets pending installations (the customer starts again).
 * Thread-safe. At most {@value #MAX_PENDING} pending states; beyond, the oldest is dropped.
 */
public final class InstallStates {
  static final int MAX_PENDING = 10_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;
  private final Duration ttl;
  private final LinkedHashMap<String, Instant> pending = new LinkedHashMap<>();

  public InstallStates() {
    this(Clock.systemUTC(), Duration.ofMinutes(15));
  }

  /** @param ttl how long a begun installation may take (the code itself lives 20 minutes) */
  public InstallStates(Clock clock, Duration ttl) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl: must be positive");
    }
    this.ttl = ttl;
  }

  /** A new state for an installation the host starts now. */
  public synchronized String begin() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    String state = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    dropExpired();
    if (pending.size() >= MAX_PENDING) {
      Iterator<String> oldest = pending.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    pending.put(state, clock.instant().plus(ttl));
    return state;
  }

  /** Accepts {@code state} once if it was begun here and has not expired. */
  public synchronized boolean consume(String state) {
    if (state == null) {
      return false;
    }
    Instant until = pending.remove(state);
    return until != null && clock.instant().isBefore(until);
  }

  /**
   * amoCRM's consent page for {@code clientId} with {@code state}: {@code
   * https://www.amocrm.ru/oauth?client_id=..&state=..&mode=post_message} (reference §1.1); Kommo
   * accounts use {@code https://www.kommo.com/oauth}.
   */
  public static String authorizeUrl(String clientId, String state) {
    return "https://www.amocrm.ru/oauth?client_id="
        + java.net.URLEncoder.encode(clientId, java.nio.charset.StandardCharsets.UTF_8)
        + "&state=" + state + "&mode=post_message";
  }

  private void dropExpired() {
    Instant now = clock.instant();
    pending.entrySet().removeIf(e -> !now.isBefore(e.getValue()));
  }

  /** Pending states (begun, not used, maybe expired). */
  synchronized int pending() {
    return pending.size();
  }

  @Override
  public String toString() {
    return "InstallStates[pending=" + pending() + ", ttl=" + ttl + "]";
  }

  Map<String, Instant> snapshot() {
    return Map.copyOf(pending);
  }
}
