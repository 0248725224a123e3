package io.ringostat.amo.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.engine.journal.EntryState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code POST /calls} over real sockets on loopback. */
class WebhookServerTest {
  Receiver r = new Receiver(b -> { });

  @AfterEach
  void close() {
    r.close();
  }

  @Test
  @DisplayName("a well-signed event is journaled before the 202")
  void goodSignature() {
    HttpResponse<String> res = r.postSigned(Receiver.event("c-1"));

    assertThat(res.statusCode()).isEqualTo(202);
    assertThat(res.body()).contains("\"status\":\"ACCEPTED\"", "\"call_id\":\"c-1\"");
    assertThat(r.journaled()).isEqualTo(1);
  }

  @Test
  @DisplayName("a bad or missing signature is 401; nothing is journaled; the secret is never echoed")
  void badSignature() {
    String body = Receiver.event("c-1");
    HttpResponse<String> wrong = r.post("/calls", body, "application/json",
        "sha256=" + "00".repeat(32));
    HttpResponse<String> garbage = r.post("/calls", body, "application/json", "md5=xyz");
    HttpResponse<String> missing = r.post("/calls", body, "application/json", null);
    HttpResponse<String> otherBody = r.post("/calls", body + " ", "application/json",
        r.signature.sign(Optional.empty(), body.getBytes(StandardCharsets.UTF_8)));

    for (HttpResponse<String> res : List.of(wrong, garbage, missing, otherBody)) {
      assertThat(res.statusCode()).isEqualTo(401);
      assertThat(res.body()).contains("\"problems\"")
          .doesNotContain(new String(Receiver.SECRET, StandardCharsets.UTF_8));
    }
    assertThat(r.journaled()).isZero();
    assertThat(r.server.toString()).doesNotContain(new String(Receiver.SECRET,
        StandardCharsets.UTF_8)).contains("***");
  }

  @Test
  @DisplayName("a signed timestamp is checked against the clock; an old one is a replay")
  void timestamp() {
    String body = Receiver.event("c-1");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String now = String.valueOf(Instant.now().getEpochSecond());
    String old = String.valueOf(Instant.now().minusSeconds(3600).getEpochSecond());

    HttpResponse<String> stale = r.send(signed(body, old, r.signature.sign(Optional.of(old),
        bytes)));
    HttpResponse<String> fresh = r.send(signed(body, now, r.signature.sign(Optional.of(now),
        bytes)));

    assertThat(stale.statusCode()).isEqualTo(401);
    assertThat(stale.body()).contains(Signature.TIMESTAMP_HEADER);
    assertThat(fresh.statusCode()).isEqualTo(202);
    assertThat(r.journaled()).isEqualTo(1);
  }

  private HttpRequest signed(String body, String ts, String sig) {
    return HttpRequest.newBuilder(r.uri("/calls")).header(Signature.HEADER, sig)
        .header(Signature.TIMESTAMP_HEADER, ts)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  @Test
  @DisplayName("a body over the limit is 413 and nothing is journaled")
  void oversized() {
    String body = Receiver.event("c-1").replace("}", ",\"x\":\"" + "a".repeat(70_000) + "\"}");

    HttpResponse<String> res = r.postSigned(body);

    assertThat(res.statusCode()).isEqualTo(413);
    assertThat(r.journaled()).isZero();
  }

  @Test
  @DisplayName("a chunked body that grows over the limit is 413, read no further")
  void oversizedChunked() throws IOException {
    try (Socket s = new Socket("127.0.0.1", r.server.port())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /calls HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
          + Signature.HEADER + ": sha256=00\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String chunk = "a".repeat(8192);
      try {
        for (int i = 0; i < 20; i++) {
          out.write((Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
        }
      } catch (IOException closedByServer) {
        // the server stopped reading and closed: fine
      }
      assertThat(readAll(s.getInputStream())).startsWith("HTTP/1.1 413");
    }
    assertThat(r.journaled()).isZero();
  }

  @Test
  @DisplayName("malformed JSON is 400 with the problems, and REJECTED in the journal")
  void malformed() {
    HttpResponse<String> broken = r.postSigned("{\"call_id\": 42");
    HttpResponse<String> invalid = r.postSigned(Receiver.event("c-1").replace("INBOUND",
        "SIDEWAYS"));

    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(broken.body()).startsWith("{\"problems\":[{\"path\":");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("\"path\":\"direction\"");
    assertThat(r.engine.journalEntries(EntryState.REJECTED, 10)).hasSize(2);
  }

  @Test
  @DisplayName("a duplicate post is DUPLICATE, still 2xx, journaled once")
  void duplicate() {
    assertThat(r.postSigned(Receiver.event("c-1")).statusCode()).isEqualTo(202);
    HttpResponse<String> again = r.postSigned(Receiver.event("c-1"));

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).contains("\"status\":\"DUPLICATE\"");
    assertThat(r.journaled()).isEqualTo(1);
  }

  @Test
  @DisplayName("a JSON Lines batch: good lines journaled, a bad one rejected and listed")
  void batch() {
    String body = Receiver.event("c-1") + "\n\n" + "not json\n" + Receiver.event("c-2") + "\n";
    HttpResponse<String> res = r.post("/calls", body, "application/x-ndjson",
        r.signature.sign(Optional.empty(), body.getBytes(StandardCharsets.UTF_8)));

    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(res.body()).contains("\"path\":\"line 3: ", "\"line\":1,\"status\":\"ACCEPTED\"",
        "\"line\":4,\"status\":\"ACCEPTED\"", "\"line\":3,\"status\":\"REJECTED\"");
    assertThat(r.journaled()).isEqualTo(3);
  }

  @Test
  @DisplayName("405 for another method, 404 for another path")
  void methodsAndPaths() {
    HttpResponse<String> get = r.send(HttpRequest.newBuilder(r.uri("/calls")).GET().build());
    HttpResponse<String> other = r.postSigned("{}");
    HttpResponse<String> nowhere = r.post("/admin", "{}", "application/json", null);

    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertThat(other.statusCode()).isEqualTo(400);
    assertThat(nowhere.statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("a client dripping its body is cut off; others are served meanwhile")
  void slowClient() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Socket s = new Socket("127.0.0.1", r.server.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      String body = Receiver.event("slow");
      out.write(("POST /calls HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n"
          + Signature.HEADER + ": " + r.signature.sign(Optional.empty(),
          body.getBytes(StandardCharsets.UTF_8)) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      long start = System.nanoTime();
      Future<String> answer = pool.submit(() -> readAll(s.getInputStream()));
      for (int i = 0; i < body.length() && !answer.isDone(); i++) {
        try {
          out.write(body.charAt(i));
          out.flush();
        } catch (IOException closed) {
          break;
        }
        if (i == 2) {
          assertThat(r.postSigned(Receiver.event("fast")).statusCode()).isEqualTo(202);
        }
        Thread.sleep(200);
      }
      String status = answer.get();
      long ms = (System.nanoTime() - start) / 1_000_000;

      assertThat(status).startsWith("HTTP/1.1 408");
      assertThat(ms).isLessThan(5_000);
    } finally {
      pool.shutdownNow();
    }
    assertThat(r.journaled()).isEqualTo(1); // "fast" only
    assertThat(r.postSigned(Receiver.event("after")).statusCode()).isEqualTo(202);
  }

  @Test
  @DisplayName("200 concurrent posts: every accepted event journaled exactly once")
  void concurrent() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(32);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String id = "c-" + i;
      answers.add(pool.submit(() -> r.postSigned(Receiver.event(id))));
    }
    int accepted = 0;
    for (Future<HttpResponse<String>> f : answers) {
      if (f.get().statusCode() == 202) {
        accepted++;
      }
    }
    pool.shutdown();

    assertThat(accepted).isEqualTo(200);
    assertThat(r.journaled()).isEqualTo(200);
    assertThat(r.engine.metrics().duplicates()).isZero();
  }

  private static String readAll(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  @Test
  @DisplayName("the builder refuses a short secret and says how to make one")
  void shortSecret() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> WebhookServer.builder()
        .engine(r.engine).secret(new byte[4]).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("openssl rand");
  }
}
