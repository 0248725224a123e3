package io.ringostat.amo.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.engine.journal.EntryState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a sender cannot make the receiver do: hold its workers with bodies that never finish, or
 * get an event journaled twice by racing with itself.
 */
class ReceiverLimitsTest {
  static final int WORKERS = 8;

  Receiver r = new Receiver(b -> b.maxThreads(WORKERS));

  @AfterEach
  void close() {
    r.close();
  }

  /** Sends the headers and the first half of a signed body, then nothing. */
  Socket stall(String callId) throws IOException {
    Socket s = new Socket("127.0.0.1", r.server.port());
    s.setSoTimeout(30_000);
    String body = Receiver.event(callId);
    OutputStream out = s.getOutputStream();
    out.write(("POST /calls HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + body.length() + "\r\n" + Signature.HEADER + ": "
        + r.signature.sign(Optional.empty(), body.getBytes(StandardCharsets.UTF_8)) + "\r\n\r\n"
        + body.substring(0, body.length() / 2)).getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return s;
  }

  @Test
  @DisplayName("a client that stops in the middle of its body gets 408, not a worker for ever")
  void stalledBody() throws IOException {
    try (Socket s = stall("stalled")) {
      String answer = readAll(s.getInputStream());

      assertThat(answer).startsWith("HTTP/1.1 408");
      assertThat(answer).contains("Connection: close");
    }
    assertThat(r.journaled()).isZero();
  }

  @Test
  @DisplayName("more stalled clients than workers: each is cut off (408 or closed), then posts are"
      + " served again")
  void moreStalledClientsThanWorkers() throws Exception {
    List<Socket> stalled = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS * 2);
    try {
      for (int i = 0; i < WORKERS * 2; i++) {
        stalled.add(stall("stalled-" + i));
      }
      List<Future<String>> answers = new ArrayList<>();
      for (Socket s : stalled) {
        answers.add(pool.submit(() -> readAll(s.getInputStream())));
      }
      for (Future<String> a : answers) {
        String answer = a.get(40, TimeUnit.SECONDS);
        // a request that got a worker is answered 408; one still waiting for a worker when its
        // connection's idle timeout fires is closed without an answer: cut off either way
        assertThat(answer).as("a stalled client's answer")
            .satisfiesAnyOf(x -> assertThat(x).startsWith("HTTP/1.1 408"),
                x -> assertThat(x).isEmpty(), x -> assertThat(x).startsWith("reset"));
      }

      assertThat(r.postSigned(Receiver.event("after")).statusCode()).isEqualTo(202);
      assertThat(r.journaled()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
      for (Socket s : stalled) {
        s.close();
      }
    }
  }

  @Test
  @DisplayName("100 events each posted twice at once: each journaled exactly once, one ACCEPTED")
  void concurrentRepeats() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(32);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    for (int copy = 0; copy < 2; copy++) {
      for (int i = 0; i < 100; i++) {
        String id = "c-" + i;
        answers.add(pool.submit(() -> r.postSigned(Receiver.event(id))));
      }
    }
    Set<String> accepted = new HashSet<>();
    int duplicates = 0;
    for (Future<HttpResponse<String>> f : answers) {
      HttpResponse<String> res = f.get(30, TimeUnit.SECONDS);
      assertThat(res.statusCode()).as(res.body()).isIn(200, 202);
      if (res.statusCode() == 202) {
        String id = res.body().replaceAll(".*\"call_id\":\"([^\"]+)\".*", "$1");
        assertThat(accepted.add(id)).as("accepted twice: " + id).isTrue();
      } else {
        assertThat(res.body()).contains("\"status\":\"DUPLICATE\"");
        duplicates++;
      }
    }
    pool.shutdown();

    assertThat(accepted).hasSize(100);
    assertThat(duplicates).isEqualTo(100);
    assertThat(r.journaled()).isEqualTo(100);
    assertThat(r.engine.journalEntries(EntryState.REJECTED, 10)).isEmpty();
  }

  private static String readAll(InputStream in) throws IOException {
    try {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (java.net.SocketException reset) {
      return "reset: " + reset.getMessage();
    }
  }
}
