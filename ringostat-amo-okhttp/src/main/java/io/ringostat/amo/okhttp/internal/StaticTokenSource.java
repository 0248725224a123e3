package io.ringostat.amo.okhttp.internal;

/** A long-lived token: nothing to refresh, a 401 is final. */
public final class StaticTokenSource implements TokenSource {
  private final String token;

  public StaticTokenSource(String token) {
    this.token = token;
  }

  @Override
  public String accessToken(Sender sender) {
    return token;
  }

  @Override
  public boolean recover(String rejected, Sender sender) {
    return false;
  }

  @Override
  public java.util.Set<String> secrets() {
    return java.util.Set.of(token);
  }

  @Override
  public String toString() {
    return "StaticTokenSource[***]";
  }
}
