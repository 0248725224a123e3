package io.ringostat.amo.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A minimal amoCRM client for the emulator's own tests: raw requests, parsed answers. */
final class TestHttp {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType APPLICATION_JSON = MediaType.get("application/json");

  /** One shared client: no silent retry of failed requests, so faults are visible. */
  private static final OkHttpClient BASE =
      new OkHttpClient.Builder()
          .retryOnConnectionFailure(false)
          .readTimeout(Duration.ofSeconds(10))
          .build();

  private final String baseUrl;
  private final String token;
  private final OkHttpClient client;

  TestHttp(AmoEmulator amo) {
    this(amo.baseUrl(), amo.token(), BASE);
  }

  TestHttp(String baseUrl, String token, OkHttpClient client) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.client = client;
  }

  TestHttp withToken(String token) {
    return new TestHttp(baseUrl, token, client);
  }

  TestHttp withReadTimeout(Duration timeout) {
    return new TestHttp(baseUrl, token, client.newBuilder().readTimeout(timeout).build());
  }

  /** A response read fully. */
  record Resp(int status, String contentType, String body, okhttp3.Headers headers) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    @Override
    public String toString() {
      return status + " " + contentType + " " + body;
    }
  }

  Resp get(String pathAndQuery) throws IOException {
    return call(new Request.Builder().url(baseUrl + pathAndQuery).get());
  }

  Resp post(String path, String json) throws IOException {
    return call(
        new Request.Builder().url(baseUrl + path).post(RequestBody.create(json, APPLICATION_JSON)));
  }

  Resp patch(String path, String json) throws IOException {
    return call(
        new Request.Builder()
            .url(baseUrl + path)
            .patch(RequestBody.create(json, APPLICATION_JSON)));
  }

  Resp delete(String path) throws IOException {
    return call(new Request.Builder().url(baseUrl + path).delete());
  }

  /** Same as {@link #get} but for callers that do not expect an IOException. */
  Resp getOk(String pathAndQuery) {
    try {
      return get(pathAndQuery);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Resp postOk(String path, String json) {
    try {
      return post(path, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Resp patchOk(String path, String json) {
    try {
      return patch(path, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Resp call(Request.Builder b) throws IOException {
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try (Response r = client.newCall(b.build()).execute()) {
      String ct = r.header("Content-Type");
      return new Resp(
          r.code(),
          ct == null ? null : ct.replace("; charset=utf-8", ""),
          r.body().string(),
          r.headers());
    }
  }

  /** Single quotes to double quotes, so JSON in tests stays readable. */
  static String j(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }
}
