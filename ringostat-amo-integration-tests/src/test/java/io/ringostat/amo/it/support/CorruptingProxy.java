package io.ringostat.amo.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A MockWebServer on 127.0.0.1 in front of an emulator: passes every request through, except
 * that requests matching a predicate get a scripted (malformed) answer instead.
 */
public final class CorruptingProxy implements AutoCloseable {
  private final MockWebServer server = new MockWebServer();
  private final OkHttpClient client = new OkHttpClient.Builder()
      .retryOnConnectionFailure(false).followRedirects(false).build();
  private final String target;
  private volatile Predicate<RecordedRequest> matches = r -> false;
  private volatile MockResponse answer;

  public CorruptingProxy(String targetBaseUrl) {
    this.target = targetBaseUrl.endsWith("/") ? targetBaseUrl.substring(0,
        targetBaseUrl.length() - 1) : targetBaseUrl;
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        MockResponse scripted = answer;
        if (scripted != null && matches.test(request)) {
          return scripted;
        }
        return forward(request);
      }
    });
    try {
      server.start(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** "http://127.0.0.1:PORT" */
  public String baseUrl() {
    String u = server.url("/").toString();
    return u.substring(0, u.length() - 1);
  }

  /** From now on, requests matching {@code which} get {@code response}. */
  public void corrupt(Predicate<RecordedRequest> which, MockResponse response) {
    this.matches = which;
    this.answer = response;
  }

  public void passThrough() {
    this.answer = null;
  }

  public static Predicate<RecordedRequest> lookups() {
    return r -> r.getMethod().equals("GET") && r.getUrl().encodedPath().equals("/api/v4/contacts");
  }

  private MockResponse forward(RecordedRequest in) {
    String path = in.getUrl().encodedPath()
        + (in.getUrl().encodedQuery() == null ? "" : "?" + in.getUrl().encodedQuery());
    Request.Builder out = new Request.Builder().url(target + path);
    String auth = in.getHeaders().get("Authorization");
    if (auth != null) {
      out.header("Authorization", auth);
    }
    String type = in.getHeaders().get("Content-Type");
    RequestBody body = null;
    if (!in.getMethod().equals("GET") && !in.getMethod().equals("HEAD")) {
      body = RequestBody.create(in.getBody() == null ? new byte[0] : in.getBody().toByteArray(),
          type == null ? null : MediaType.parse(type));
    }
    out.method(in.getMethod(), body);
    try (Response r = client.newCall(out.build()).execute()) {
      MockResponse.Builder b = new MockResponse.Builder().code(r.code());
      String contentType = r.header("Content-Type");
      if (contentType != null) {
        b.setHeader("Content-Type", contentType);
      }
      String text = r.body().string();
      if (!text.isEmpty()) {
        b.body(text);
      }
      return b.build();
    } catch (IOException e) {
      return new MockResponse.Builder().code(502).body("proxy: " + e.getMessage()).build();
    }
  }

  @Override
  public void close() {
    server.close();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
