package io.ringostat.amo.testkit.internal;

import io.ringostat.amo.testkit.FaultKind;
import io.ringostat.amo.testkit.LoggedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * MockWebServer's dispatcher: logs each request, lets the {@link FaultInjector} pick a fault, has
 * the {@link Emulation} handle it (or not, for faults that hit before the request is applied) and
 * turns the answer into a {@link MockResponse}, delayed or cut as the fault demands.
 */
public final class EmulatorDispatcher extends Dispatcher {
  private final Emulation emulation;
  private final Runnable afterRequest;

  /**
   * @param afterRequest run after each request (the emulator drains MockWebServer's own request
   *     queue there, which would otherwise grow without bound)
   */
  public EmulatorDispatcher(Emulation emulation, Runnable afterRequest) {
    this.emulation = emulation;
    this.afterRequest = afterRequest;
  }

  @Override
  public MockResponse dispatch(RecordedRequest recorded) {
    try {
      return respond(recorded);
    } finally {
      afterRequest.run();
    }
  }

  private MockResponse respond(RecordedRequest recorded) {
    String body = recorded.getBody() == null ? "" : recorded.getBody().utf8();
    ApiRequest request =
        new ApiRequest(
            recorded.getMethod(),
            recorded.getUrl(),
            recorded.getHeaders().get("Authorization"),
            body);
    Instant arrived = emulation.clock().instant();
    FaultInjector faults = emulation.faults();
    Optional<FaultKind> fault = faults.next(request.method(), request.path());
    Duration retryAfter = emulation.retryAfter().orElse(null);
    ApiResponse response;
    if (fault.isEmpty()) {
      response = emulation.handle(request);
    } else {
      switch (fault.get()) {
        case SERVER_ERROR_500:
          response = Problems.internalError();
          break;
        case BAD_GATEWAY_502:
          response = Problems.gatewayPage(502);
          break;
        case UNAVAILABLE_503:
          response = Problems.gatewayPage(503);
          break;
        case TOO_MANY_REQUESTS_429:
          response = Problems.tooManyRequests(retryAfter);
          break;
        case DISCONNECT_BEFORE_APPLY:
          log(arrived, request, 0, fault);
          return new MockResponse.Builder()
              .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
              .build();
        default:
          response = emulation.handle(request);
          break;
      }
    }
    boolean cut = fault.orElse(null) == FaultKind.DISCONNECT_AFTER_APPLY;
    log(arrived, request, cut ? 0 : response.status(), fault);
    MockResponse.Builder b = new MockResponse.Builder().code(response.status());
    if (response.contentType() != null) {
      b.setHeader("Content-Type", response.contentType() + "; charset=utf-8");
    }
    response.headers().forEach(b::setHeader);
    if (!response.body().isEmpty()) {
      b.body(response.body());
    }
    if (cut) {
      b.onResponseStart(SocketEffect.ShutdownConnection.INSTANCE);
    }
    Duration delay = faults.latency();
    if (fault.orElse(null) == FaultKind.SLOW) {
      delay = delay.plus(faults.slow());
    } else if (fault.orElse(null) == FaultKind.STALL) {
      delay = delay.plus(faults.stall());
    }
    if (!delay.isZero()) {
      b.headersDelay(delay.toNanos(), TimeUnit.NANOSECONDS);
    }
    return b.build();
  }

  private void log(Instant at, ApiRequest r, int status, Optional<FaultKind> fault) {
    emulation
        .log()
        .add(
            new LoggedRequest(
                at, r.method(), r.path(), Optional.ofNullable(r.query()), status, fault));
  }
}
