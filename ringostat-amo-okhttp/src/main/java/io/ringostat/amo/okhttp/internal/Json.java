package io.ringostat.amo.okhttp.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.ringostat.amo.core.spi.CrmException.Kind;
import io.ringostat.amo.okhttp.AmoClientException;
import java.io.IOException;

/**
 * The one Jackson configuration: snake_case names, unknown fields ignored, explicit stream read
 * limits, and errors that never echo the body (a body may hold phone numbers or, for the token
 * endpoint, tokens). Thread-safe.
 */
public final class Json {
  /** Largest response body read, after decompression: 4 MiB. */
  public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
  static final int MAX_STRING = 1_000_000;
  static final int MAX_NESTING = 64;

  private final ObjectMapper mapper;

  private Json(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public static Json create() {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxStringLength(MAX_STRING)
            .maxNestingDepth(MAX_NESTING)
            .maxNumberLength(40)
            .maxDocumentLength(MAX_BODY_BYTES)
            .build())
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .build();
    ObjectMapper m = JsonMapper.builder(factory)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT)
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .addModule(new Jdk8Module())
        .addModule(new JavaTimeModule())
        .build();
    return new Json(m);
  }

  /**
   * Reads {@code body} as {@code type}.
   *
   * @throws AmoClientException kind INVALID_RESPONSE when it is not that shape
   */
  public <T> T read(byte[] body, Class<T> type, String endpoint) {
    return read(body, mapper.constructType(type), endpoint);
  }

  /** Reads a JSON array of {@code element}. */
  public <T> java.util.List<T> readList(byte[] body, Class<T> element, String endpoint) {
    return read(body, mapper.getTypeFactory().constructCollectionType(java.util.List.class,
        element), endpoint);
  }

  private <T> T read(byte[] body, JavaType type, String endpoint) {
    if (body == null || body.length == 0) {
      throw invalid(endpoint, "empty body where JSON was expected", null);
    }
    try {
      T value = mapper.readValue(body, type);
      if (value == null) {
        throw invalid(endpoint, "the body is JSON null", null);
      }
      return value;
    } catch (JsonProcessingException e) {
      throw invalid(endpoint, describe(e), null);
    } catch (IOException e) {
      throw invalid(endpoint, e.getClass().getSimpleName(), null);
    }
  }

  /**
   * Reads a 200 list page. amoCRM answers an empty list with 204, so a page without {@code
   * _embedded} is a broken answer (a proxy's, or a changed API), never "nothing found".
   *
   * @throws AmoClientException kind INVALID_RESPONSE when it is not that shape or lacks {@code
   *     _embedded}
   */
  public <P extends io.ringostat.amo.okhttp.internal.wire.HalPage> P page(byte[] body,
      Class<P> type, String endpoint) {
    P page = read(body, type, endpoint);
    if (page.embedded() == null) {
      throw invalid(endpoint, "a 200 list answer without _embedded", null);
    }
    return page;
  }

  /** Parses {@code body} as a tree, or returns null when it is not JSON. */
  public JsonNode tryTree(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return mapper.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  /** Converts a tree to {@code type}, or null when it does not fit. */
  public <T> T tryConvert(JsonNode node, Class<T> type) {
    try {
      return mapper.treeToValue(node, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return null;
    }
  }

  public byte[] write(JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a JSON tree", e);
    }
  }

  public ObjectNode object() {
    return mapper.createObjectNode();
  }

  public ArrayNode array() {
    return mapper.createArrayNode();
  }

  static AmoClientException invalid(String endpoint, String why, Throwable cause) {
    return new AmoClientException(Kind.INVALID_RESPONSE, endpoint,
        "unreadable response from " + endpoint + ": " + why, cause);
  }

  /** Where and what kind of error, without the snippet of content Jackson would quote. */
  private static String describe(JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column "
        + loc.getColumnNr();
    String kind = e.getClass().getSimpleName();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
        return "the body exceeds a read limit (" + t.getClass().getSimpleName() + ")" + where;
      }
    }
    if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m
        && m.getTargetType() != null) {
      return "unexpected JSON shape for " + m.getTargetType().getSimpleName() + where;
    }
    return "malformed JSON (" + kind + ")" + where;
  }
}
