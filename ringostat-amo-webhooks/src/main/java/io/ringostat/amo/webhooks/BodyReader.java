package io.ringostat.amo.webhooks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body on the handling thread, bounded in size and in time. A declared {@code
 * Content-Length} over the limit is refused before any byte is read; a body that grows over the
 * limit stops being read at the first byte beyond it. Every blocked read ends at the connector's
 * idle timeout, and the whole body must arrive within {@code deadline} of the headers, so a client
 * dripping bytes holds a thread for at most about {@code deadline} + idle timeout. Stateless.
 */
final class BodyReader {
  /** What reading gave. */
  sealed interface Body {
    record Read(byte[] bytes) implements Body {}

    record TooLarge(long limit) implements Body {}

    record TimedOut(Duration deadline) implements Body {}

    record Broken(String why) implements Body {}
  }

  private BodyReader() {}

  static Body read(Request request, int limit, Duration deadline) {
    long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    if (declared > limit) {
      return new Body.TooLarge(limit);
    }
    long end = request.getHeadersNanoTime() + deadline.toNanos();
    ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
    byte[] buf = new byte[8192];
    try (InputStream in = Content.Source.asInputStream(request)) {
      while (true) {
        if (System.nanoTime() - end > 0) {
          return new Body.TimedOut(deadline);
        }
        int n = in.read(buf, 0, Math.min(buf.length, limit + 1 - out.size()));
        if (n < 0) {
          return new Body.Read(out.toByteArray());
        }
        out.write(buf, 0, n);
        if (out.size() > limit) {
          return new Body.TooLarge(limit);
        }
      }
    } catch (IOException e) {
      if (isTimeout(e)) {
        return new Body.TimedOut(deadline);
      }
      return new Body.Broken(e.getClass().getSimpleName());
    }
  }

  /** The answer to a body that was not read whole: 413, 408 or 400, closing the connection. */
  static Reply refusal(Body body) {
    if (body instanceof Body.TooLarge t) {
      return Reply.problem(413, "$", "the body is over " + t.limit() + " bytes; send less per"
          + " request").closing();
    }
    if (body instanceof Body.TimedOut t) {
      return Reply.problem(408, "$", "the body did not arrive within "
          + t.deadline().toMillis() + " ms").closing();
    }
    String why = body instanceof Body.Broken b ? b.why() : "unknown";
    return Reply.problem(400, "$", "the body could not be read (" + why + ")").closing();
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }
}
