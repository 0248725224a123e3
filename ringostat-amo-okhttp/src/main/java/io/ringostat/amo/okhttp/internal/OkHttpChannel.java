package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.core.spi.CrmException.Kind;
import io.ringostat.amo.core.spi.GatewayMetrics;
import io.ringostat.amo.okhttp.AmoClientException;
import java.io.IOException;
import java.io.InterruptedIOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The innermost link: one HTTP exchange with OkHttp, any status returned as it is. An I/O failure
 * is an {@link AmoClientException}: kind {@code TRANSIENT} when the request surely never reached a
 * connected socket (DNS, refused, TLS), {@code OUTCOME_UNKNOWN} when it may have (the channels
 * above decide what that means for the call's mode). The client's {@code callTimeout} bounds the
 * whole exchange, body included. Thread-safe.
 */
final class OkHttpChannel {
  private static final Logger LOG = LoggerFactory.getLogger(OkHttpChannel.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final String USER_AGENT = "ringostat-amo-okhttp/0.1";

  private final OkHttpClient client;
  private final HttpUrl baseUrl;
  private final Metrics metrics;

  OkHttpChannel(OkHttpClient client, HttpUrl baseUrl, Metrics metrics) {
    this.client = client.newBuilder().addNetworkInterceptor(new SendMarker()).build();
    this.baseUrl = baseUrl;
    this.metrics = metrics;
  }

  ApiResponse exchange(ApiCall call) {
    Attempt tag = new Attempt();
    metrics.requests.increment();
    LOG.debug("{}", call.endpoint());
    try (Response r = client.newCall(request(call, tag)).execute()) {
      if (r.code() == 429) {
        metrics.throttled.increment();
      }
      metrics.answered(call.method(), call.path(), Integer.toString(r.code()));
      return read(r);
    } catch (IOException e) {
      metrics.answered(call.method(), call.path(), GatewayMetrics.NO_ANSWER);
      Kind kind = tag.sent ? Kind.OUTCOME_UNKNOWN : Kind.TRANSIENT;
      String what = tag.sent ? "sent, no answer" : "not sent";
      return fail(call, kind, what + ": " + describe(e));
    }
  }

  private static ApiResponse fail(ApiCall call, Kind kind, String reason) {
    throw new AmoClientException(kind, call.endpoint(), call.endpoint() + ": " + reason, null);
  }

  private Request request(ApiCall call, Attempt tag) {
    HttpUrl.Builder url = baseUrl.newBuilder().encodedPath(call.path());
    for (ApiCall.Param p : call.query()) {
      url.addQueryParameter(p.name(), p.value());
    }
    Request.Builder b = new Request.Builder().url(url.build()).tag(Attempt.class, tag)
        .header("Accept", "application/json").header("User-Agent", USER_AGENT);
    if (call.bearer() != null) {
      b.header("Authorization", "Bearer " + call.bearer());
    }
    RequestBody body = call.body() == null ? null : RequestBody.create(call.body(), JSON);
    if (body == null && !call.method().equals("GET")) {
      body = RequestBody.create(new byte[0], JSON);
    }
    return b.method(call.method(), body).build();
  }

  private static ApiResponse read(Response r) throws IOException {
    ResponseBody body = r.body();
    BufferedSource source = body.source();
    boolean tooLarge = source.request(Json.MAX_BODY_BYTES + 1L);
    return new ApiResponse(r.code(), r.headers(), tooLarge ? null : source.readByteArray());
  }

  /** Exception type and message, the URL's path and query cut off (a query may hold a phone). */
  static String describe(IOException e) {
    String what = e.getClass().getSimpleName();
    if (e instanceof InterruptedIOException && "timeout".equals(e.getMessage())) {
      return "the call timeout expired";
    }
    String m = e.getMessage();
    return m == null ? what
        : what + ": " + Redact.text(m.replaceAll("(https?://[^/\\s]+)/\\S*", "$1/…"));
  }

  /** Per attempt: did the request reach a connected socket? */
  private static final class Attempt {
    volatile boolean sent;
  }

  /**
   * A network interceptor runs only once a connection is established: anything failing before it
   * (DNS, connect refused, TLS) surely did not reach amoCRM.
   */
  private static final class SendMarker implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
      Attempt a = chain.request().tag(Attempt.class);
      if (a != null) {
        a.sent = true;
      }
      return chain.proceed(chain.request());
    }
  }
}
