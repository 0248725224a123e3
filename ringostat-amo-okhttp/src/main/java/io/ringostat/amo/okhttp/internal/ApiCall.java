package io.ringostat.amo.okhttp.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One request to amoCRM, before auth and retries: method, path, query and JSON body, and how it
 * may be retried ({@link Mode}). The {@link #endpoint()} (method + path, no query) is what logs and
 * messages show, because a query may hold a phone number. {@link #bearer()} is set by the
 * authenticating channel only; {@link #toString()} never shows it.
 */
public record ApiCall(String method, String path, List<Param> query, byte[] body, Mode mode,
    boolean authenticated, boolean permissionCheck, String bearer) {

  /** How a request may be repeated. */
  public enum Mode {
    /** A read: retried freely. */
    READ,
    /** A write whose repetition changes nothing (PATCH of fields, a popup): retried freely. */
    IDEMPOTENT,
    /**
     * A create: repeated by the retry loop only when it surely was not sent (connection refused)
     * or was refused with 429; otherwise the outcome is unknown and the engine checks amoCRM.
     */
    CREATE
  }

  /** A query parameter. */
  public record Param(String name, String value) {}

  public ApiCall {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = List.copyOf(query);
    Objects.requireNonNull(mode, "mode");
  }

  public static Builder get(String path) {
    return new Builder("GET", path, Mode.READ);
  }

  public static Builder post(String path, byte[] body, Mode mode) {
    return new Builder("POST", path, mode).body(body);
  }

  public static Builder patch(String path, byte[] body) {
    return new Builder("PATCH", path, Mode.IDEMPOTENT).body(body);
  }

  /** This call with the access token to send in {@code Authorization}. */
  public ApiCall withBearer(String token) {
    return new ApiCall(method, path, query, body, mode, authenticated, permissionCheck, token);
  }

  /** Method and path, e.g. {@code POST /api/v4/leads/complex}. */
  public String endpoint() {
    return method + " " + path;
  }

  /** The value of query parameter {@code name}, if set. */
  public String param(String name) {
    return query.stream().filter(p -> p.name().equals(name)).map(Param::value).findFirst()
        .orElse(null);
  }

  @Override
  public String toString() {
    return endpoint();
  }

  /** Builds an {@link ApiCall}. */
  public static final class Builder {
    private final String method;
    private final String path;
    private final Mode mode;
    private final List<Param> query = new ArrayList<>();
    private byte[] body;
    private boolean authenticated = true;
    private boolean permissionCheck;

    private Builder(String method, String path, Mode mode) {
      this.method = method;
      this.path = path;
      this.mode = mode;
    }

    public Builder param(String name, Object value) {
      query.add(new Param(name, String.valueOf(value)));
      return this;
    }

    Builder body(byte[] value) {
      this.body = value;
      return this;
    }

    /** No Bearer header (the token endpoint). */
    public Builder unauthenticated() {
      this.authenticated = false;
      return this;
    }

    /**
     * A JSON 403 here means "this user lacks the rights" (e.g. users need admin), not a blocked
     * account; an HTML 403 still blocks.
     */
    public Builder permissionCheck() {
      this.permissionCheck = true;
      return this;
    }

    public ApiCall build() {
      return new ApiCall(method, path, query, body, mode, authenticated, permissionCheck, null);
    }
  }
}
