package io.ringostat.amo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** Assertions on JSON shapes: field present with the documented JSON type. */
final class Shapes {
  private Shapes() {}

  /**
   * Asserts that {@code node} has each field in {@code specs}, written {@code name:type} with type
   * one of int, string, bool, array, object, null, int|null, string|null, array|null.
   */
  static void assertFields(JsonNode node, String... specs) {
    assertThat(node).as("a JSON object").isNotNull();
    for (String spec : specs) {
      String[] p = spec.split(":");
      String name = p[0];
      assertThat(node.has(name)).as("field '%s' in %s", name, node).isTrue();
      JsonNode v = node.get(name);
      boolean ok = false;
      for (String type : p[1].split("\\|")) {
        ok |=
            switch (type) {
              case "int" -> v.isIntegralNumber();
              case "string" -> v.isTextual();
              case "bool" -> v.isBoolean();
              case "array" -> v.isArray();
              case "object" -> v.isObject();
              case "null" -> v.isNull();
              default -> throw new IllegalArgumentException(type);
            };
      }
      assertThat(ok).as("field '%s' of type %s in %s", name, p[1], node).isTrue();
    }
  }
}
