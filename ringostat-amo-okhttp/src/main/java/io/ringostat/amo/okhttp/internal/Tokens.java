package io.ringostat.amo.okhttp.internal;

import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The gateway's current {@link TokenSource}, switched atomically by {@code useCredentials}
 * (requests in flight finish with the old one), and the secrets to scrub from wire text.
 * Thread-safe.
 */
public final class Tokens {
  private final AtomicReference<TokenSource> current;

  public Tokens(TokenSource initial) {
    this.current = new AtomicReference<>(initial);
  }

  public TokenSource current() {
    return current.get();
  }

  public void use(TokenSource source) {
    current.set(source);
  }

  /** The secrets of the current source (tokens, client secret), never to appear in text. */
  public Set<String> secrets() {
    return current.get().secrets();
  }
}
