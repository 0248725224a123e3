package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.core.spi.CrmException.Kind;
import io.ringostat.amo.okhttp.AmoAuthenticationException;
import io.ringostat.amo.okhttp.AmoClientException;
import io.ringostat.amo.okhttp.AmoException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the current access token on every authenticated call; on a 401, asks the {@link
 * TokenSource} to recover once (an OAuth refresh, single-flight per credentials) and sends the call
 * again; a second 401, or a token that cannot be refreshed, is final: {@link
 * AmoAuthenticationException} and {@code GatewayListener.authenticationFailed}. Thread-safe.
 */
final class Authenticating implements Channel {
  private static final Logger LOG = LoggerFactory.getLogger(Authenticating.class);

  private final Channel next;
  private final Tokens tokens;
  private final SafeListener listener;

  Authenticating(Channel next, Tokens tokens, SafeListener listener) {
    this.next = next;
    this.tokens = tokens;
    this.listener = listener;
  }

  @Override
  public ApiResponse send(ApiCall call) {
    if (!call.authenticated()) {
      return next.send(call);
    }
    TokenSource source = tokens.current();
    String token = guarded(call, () -> source.accessToken(next::send));
    try {
      return next.send(call.withBearer(token));
    } catch (AmoAuthenticationException e) {
      if (!guarded(call, () -> source.recover(token, next::send))) {
        throw failed(call, e);
      }
      LOG.info("{}: 401, sending once more with a refreshed token", call.endpoint());
      String fresh = guarded(call, () -> source.accessToken(next::send));
      try {
        return next.send(call.withBearer(fresh));
      } catch (AmoAuthenticationException again) {
        throw failed(call, again);
      }
    }
  }

  private AmoAuthenticationException failed(ApiCall call, AmoAuthenticationException e) {
    LOG.warn("{}: authentication failed (HTTP 401); new credentials are needed", call.endpoint());
    listener.authenticationFailed(e);
    return e;
  }

  /** Runs a token operation; its failures become failures of {@code call}, which was not sent. */
  private <T> T guarded(ApiCall call, java.util.function.Supplier<T> op) {
    try {
      return op.get();
    } catch (AmoAuthenticationException e) {
      LOG.warn("{}: the access token could not be refreshed: {}", call.endpoint(),
          e.getMessage());
      listener.authenticationFailed(e);
      throw e;
    } catch (AmoException e) {
      if (e.kind() == Kind.OUTCOME_UNKNOWN || e.kind() == Kind.INVALID_RESPONSE) {
        throw new AmoClientException(Kind.TRANSIENT, call.endpoint(), call.endpoint()
            + ": not sent, the access token refresh failed (" + e.getMessage() + ")", null);
      }
      throw e;
    }
  }
}
