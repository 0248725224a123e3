package io.ringostat.amo.asterisk;

import io.ringostat.amo.core.model.CallEvent;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the calls of one Asterisk server over AMI and delivers their {@link CallEvent}s to a
 * {@link CallEventSink}.
 *
 * <h2>Lifecycle</h2>
 * {@link #create} does no I/O. {@link #start()} starts one daemon reader thread and returns at once;
 * the thread connects, logs in, and reads events until {@link #close()}. When the connection drops
 * (Asterisk restarts, the network fails, a keep-alive {@code Ping} goes unanswered) every call in
 * progress is finished from what is known, with {@link AmiExtras#INCOMPLETE} set to {@value
 * AmiExtras#CONNECTION_LOST}, and the thread reconnects after a capped exponential backoff with
 * jitter ({@link AmiConfig#initialBackoff()}..{@link AmiConfig#maxBackoff()}), resetting after each
 * successful login. Calls that began while disconnected are not followed. A refused login ({@link
 * AmiLoginException}) is not retried: the source stops.
 *
 * <h2>Threading</h2>
 * All methods are thread-safe. The sink runs on the reader thread (see {@link CallEventSink}).
 * Nothing blocks the caller without bound: {@link #start()} never blocks, {@link #close()} waits at
 * most {@link AmiConfig#closeTimeout()}.
 *
 * <h2>Security</h2>
 * The secret appears only in the login action on the wire; never in logs, exceptions or {@code
 * toString()}. Logs name call ids and channels, not client numbers.
 */
public final class AmiCallSource implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AmiCallSource.class);

  private final AmiConfig config;
  private final CallEventSink sink;
  private final Backoff backoff;
  private final CompletableFuture<Void> firstLogin = new CompletableFuture<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private final Object lock = new Object();
  private volatile boolean closed;
  private volatile boolean connected;
  private volatile boolean waiting;
  private Socket current; // guarded by lock
  private Thread thread;

  private AmiCallSource(AmiConfig config, CallEventSink sink) {
    this.config = config;
    this.sink = sink;
    this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff(), config.jitter(),
        config.random());
  }

  /** A source for {@code config} that delivers to {@code sink}; call {@link #start()} next. */
  public static AmiCallSource create(AmiConfig config, CallEventSink sink) {
    return new AmiCallSource(Objects.requireNonNull(config, "config"),
        Objects.requireNonNull(sink, "sink"));
  }

  /**
   * Starts the reader thread and returns without blocking.
   *
   * @return completes when the first login succeeds; completes exceptionally with {@link
   *     AmiLoginException} when Asterisk refuses it, or with {@link AmiException} when the source is
   *     closed first. Connection failures before the first login are retried and do not complete it.
   * @throws IllegalStateException when called twice
   */
  public CompletableFuture<Void> start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("AmiCallSource.start() may be called once");
    }
    Thread t = new Thread(this::run, "ringostat-ami-" + config.host() + ":" + config.port());
    t.setDaemon(true);
    synchronized (lock) {
      thread = t;
    }
    t.start();
    return firstLogin.copy();
  }

  /** True while logged in to Asterisk. */
  public boolean isConnected() {
    return connected;
  }

  /**
   * Stops reading, closes the connection, finishes the calls in progress as incomplete ({@value
   * AmiExtras#SOURCE_CLOSED}) and waits up to {@link AmiConfig#closeTimeout()} for the reader
   * thread. Idempotent; may be called from the sink.
   */
  @Override
  public void close() {
    Thread t;
    synchronized (lock) {
      closed = true;
      if (current != null) {
        closeQuietly(current);
      }
      t = thread;
    }
    if (t == null || t == Thread.currentThread()) {
      firstLogin.completeExceptionally(new AmiException("the AMI source was closed"));
      return;
    }
    if (waiting) {
      t.interrupt(); // wake the backoff sleeper
    }
    try {
      t.join(config.closeTimeout().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (t.isAlive()) {
      log.warn("The AMI reader thread did not stop within {}", config.closeTimeout());
    }
  }

  private void run() {
    CallTracker tracker = new CallTracker(config, new CallEventMapper(config), this::deliver);
    int failures = 0;
    try {
      while (!closed) {
        Socket socket = new Socket();
        try {
          if (!register(socket)) {
            break;
          }
          AmiConnection connection = AmiConnection.open(config, socket);
          failures = 0;
          connected = true;
          log.info("Logged in to Asterisk AMI {} at {}:{} as {}", connection.version(),
              config.host(), config.port(), config.username());
          firstLogin.complete(null);
          while (!closed) {
            AmiMessage m = connection.next();
            tracker.accept(m, m.timestamp().orElseGet(config.clock()::instant));
          }
        } catch (AmiLoginException e) {
          log.error(e.getMessage());
          firstLogin.completeExceptionally(e);
          return;
        } catch (IOException | AmiProtocolException e) {
          if (!closed) {
            log.warn("AMI connection to {}:{} failed or dropped: {}", config.host(), config.port(),
                e.getMessage());
          }
        } catch (RuntimeException e) {
          log.error("Unexpected failure while following AMI events; reconnecting", e);
        } finally {
          connected = false;
          closeQuietly(socket);
          unregister();
          tracker.abandonAll(closed ? AmiExtras.SOURCE_CLOSED : AmiExtras.CONNECTION_LOST,
              config.clock().instant());
        }
        if (closed) {
          break;
        }
        failures++;
        Duration delay = backoff.delay(failures);
        log.info("Reconnecting to AMI {}:{} in {} ms (attempt {})", config.host(), config.port(),
            delay.toMillis(), failures + 1);
        if (!pause(delay)) {
          break;
        }
      }
    } finally {
      firstLogin.completeExceptionally(new AmiException("the AMI source was closed"));
      log.debug("AMI reader thread for {}:{} stopped", config.host(), config.port());
    }
  }

  private boolean pause(Duration delay) {
    waiting = true;
    try {
      if (closed) {
        return false;
      }
      config.sleeper().sleep(delay);
      return !closed;
    } catch (InterruptedException e) {
      return false; // close() interrupted the wait; this thread ends, so the flag needs no restore
    } finally {
      waiting = false;
    }
  }

  /** Makes the socket closable by {@link #close()} before it connects, so close never waits on it. */
  private boolean register(Socket socket) {
    synchronized (lock) {
      if (closed) {
        return false;
      }
      current = socket;
      return true;
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // unusable either way
    }
  }

  private void unregister() {
    synchronized (lock) {
      current = null;
    }
  }

  private void deliver(CallEvent event) {
    try {
      sink.accept(event);
    } catch (RuntimeException e) {
      log.error("The call event sink failed on {} {} of call {}; the event is dropped",
          event.phase(), event.direction(), event.callId(), e);
    }
  }

  @Override
  public String toString() {
    return "AmiCallSource{" + config.host() + ":" + config.port() + ", connected=" + connected
        + "}";
  }
}
