package io.ringostat.amo.json.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Optional;

/**
 * Parses text into a Jackson tree under explicit limits (Jackson {@link StreamReadConstraints}),
 * turning syntax errors into one problem with line and column. Duplicate keys and trailing content
 * are syntax errors. Immutable and thread-safe.
 */
public final class JsonInput {
  /** Settings files: at most 1 MiB, 64 levels deep; {@code //} and {@code /* *}{@code /} comments allowed. */
  public static final JsonInput SETTINGS = new JsonInput(1 << 20, 64, 1 << 20, true);

  /** One call event: a 64 KiB line, 16 levels deep; strict JSON. */
  public static final JsonInput EVENTS = new JsonInput(64 << 10, 16, 64 << 10, false);

  private final ObjectMapper mapper;
  private final int maxNesting;

  private JsonInput(long maxDocument, int maxNesting, int maxString, boolean comments) {
    this.maxNesting = maxNesting;
    StreamReadConstraints limits = StreamReadConstraints.builder()
        .maxDocumentLength(maxDocument)
        .maxNestingDepth(maxNesting)
        .maxStringLength(maxString)
        .maxNumberLength(64)
        .build();
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(limits)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .configure(JsonReadFeature.ALLOW_JAVA_COMMENTS, comments)
        .build();
    this.mapper = JsonMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .build();
  }

  /** The shared mapper, for writing trees. */
  public ObjectMapper mapper() {
    return mapper;
  }

  /**
   * The tree of {@code text}; empty, with one problem at {@link Paths#ROOT}, when it is not
   * well-formed JSON or exceeds a limit.
   */
  public Optional<JsonNode> parse(String text, Problems problems) {
    try {
      JsonNode node = mapper.readTree(text);
      if (node == null || node.isMissingNode()) {
        problems.add(Paths.ROOT, "empty document: expected a JSON object {...}");
        return Optional.empty();
      }
      return Optional.of(node);
    } catch (StreamConstraintsException e) {
      problems.add(Paths.ROOT, limitReason(e));
      return Optional.empty();
    } catch (JsonProcessingException e) {
      problems.add(Paths.ROOT, syntaxReason(e));
      return Optional.empty();
    }
  }

  private String limitReason(StreamConstraintsException e) {
    String m = String.valueOf(e.getOriginalMessage());
    if (m.contains("nesting depth")) {
      return "nested deeper than " + maxNesting + " levels: flatten the document";
    }
    if (m.contains("String value length")) {
      return "a string is too long" + at(e.getLocation()) + ": shorten it";
    }
    if (m.contains("Number value length")) {
      return "a number has too many digits" + at(e.getLocation());
    }
    return "document exceeds a size limit" + at(e.getLocation()) + ": " + firstLine(m);
  }

  private static String syntaxReason(JsonProcessingException e) {
    String m = firstLine(String.valueOf(e.getOriginalMessage()));
    return "malformed JSON" + at(e.getLocation()) + ": " + Redaction.safe(m, 160)
        + " (fix the syntax: check quotes, commas and brackets)";
  }

  private static String at(JsonLocation loc) {
    if (loc == null || loc.getLineNr() < 1) {
      return "";
    }
    return " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  private static String firstLine(String m) {
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
