package io.ringostat.amo.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * One request as the emulator sees it: method, path, decoded query, the bearer token and the body.
 * {@link #toString()} never shows the token.
 */
public final class ApiRequest {
  private static final Pattern INDEXED = Pattern.compile("(.*)\\[(\\d+)]");

  private final String method;
  private final HttpUrl url;
  private final String authorization;
  private final String body;
  private JsonNode json;

  /**
   * @param method the HTTP method, upper case
   * @param url the full request URL
   * @param authorization the Authorization header value, or null
   * @param body the body as UTF-8 text, possibly empty
   */
  public ApiRequest(String method, HttpUrl url, String authorization, String body) {
    this.method = method.toUpperCase(Locale.ROOT);
    this.url = url;
    this.authorization = authorization;
    this.body = body == null ? "" : body;
  }

  public String method() {
    return method;
  }

  public String path() {
    return url.encodedPath();
  }

  /** The raw query string, or null. */
  public String query() {
    return url.encodedQuery();
  }

  /** The token of an {@code Authorization: Bearer} header, if any. */
  Optional<String> bearerToken() {
    if (authorization == null) {
      return Optional.empty();
    }
    String a = authorization.trim();
    if (a.length() > 7 && a.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.of(a.substring(7).trim());
    }
    return Optional.empty();
  }

  String body() {
    return body;
  }

  /** The body parsed as JSON; malformed JSON is a 400 problem. */
  JsonNode json() {
    if (json == null) {
      json = Json.parse(body);
    }
    return json;
  }

  /** The first value of query parameter {@code name}. */
  Optional<String> param(String name) {
    return Optional.ofNullable(url.queryParameter(name)).filter(s -> !s.isEmpty());
  }

  /**
   * All values of an array parameter, whichever way PHP-style clients spell it: {@code name=a},
   * {@code name[]=a&name[]=b}, {@code name[0]=a&name[1]=b}, and comma-separated values.
   */
  List<String> paramList(String name) {
    List<String> out = new ArrayList<>();
    addAll(out, url.queryParameterValues(name));
    addAll(out, url.queryParameterValues(name + "[]"));
    TreeMap<Integer, List<String>> indexed = new TreeMap<>();
    for (String p : url.queryParameterNames()) {
      Matcher m = INDEXED.matcher(p);
      if (m.matches() && m.group(1).equals(name)) {
        indexed.put(Integer.parseInt(m.group(2)), url.queryParameterValues(p));
      }
    }
    indexed.values().forEach(v -> addAll(out, v));
    return out;
  }

  private static void addAll(List<String> out, List<String> values) {
    for (String v : values) {
      if (v == null) {
        continue;
      }
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
  }

  /** Long values of an array parameter; a non-number is a 400 problem. */
  List<Long> longList(String name) {
    List<Long> out = new ArrayList<>();
    for (String s : paramList(name)) {
      try {
        out.add(Long.parseLong(s));
      } catch (NumberFormatException e) {
        throw new ApiException(Problems.badRequest("Query parameter " + name + " must be numeric"));
      }
    }
    return out;
  }

  /** The {@code with} values, e.g. {@code leads} from {@code with=leads,catalog_elements}. */
  Set<String> with() {
    Set<String> out = new LinkedHashSet<>();
    param("with").ifPresent(w -> out.addAll(Arrays.asList(w.split(","))));
    out.removeIf(String::isBlank);
    return out;
  }

  /** An integer query parameter, or {@code dflt}; a non-number is a 400 problem. */
  int intParam(String name, int dflt) {
    Optional<String> v = param(name);
    if (v.isEmpty()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.get());
    } catch (NumberFormatException e) {
      throw new ApiException(Problems.badRequest("Query parameter " + name + " must be numeric"));
    }
  }

  /** This request's path and query with {@code page} and {@code limit} set (for {@code _links}). */
  String pathWithPage(int page, int limit) {
    HttpUrl u =
        url.newBuilder()
            .setQueryParameter("page", Integer.toString(page))
            .setQueryParameter("limit", Integer.toString(limit))
            .build();
    return u.encodedPath() + "?" + u.encodedQuery();
  }

  @Override
  public String toString() {
    return method + " " + path();
  }
}
