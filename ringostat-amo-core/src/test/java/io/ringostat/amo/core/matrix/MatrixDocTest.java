package io.ringostat.amo.core.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/matrix.md} shows each preset as rendered from {@link MatrixPresets} by {@link
 * MatrixTable}, between {@code <!-- matrix:NAME:begin -->} and {@code <!-- matrix:NAME:end -->}.
 * When a preset changes, this test fails; {@code -Dmatrix.doc.update=true} rewrites the tables.
 */
class MatrixDocTest {
  private static final String UPDATE_FLAG = "matrix.doc.update";

  private static Path doc() {
    Path module = Path.of(System.getProperty("user.dir"));
    Path doc = module.resolve("../docs/matrix.md").normalize();
    if (!Files.exists(doc)) {
      doc = module.resolve("docs/matrix.md");
    }
    return doc;
  }

  @Test
  @DisplayName("R-MATRIX R-V1 R-V2 R-UNS docs/matrix.md shows each preset exactly as MatrixPresets"
      + " defines it")
  void tablesMatchThePresets() throws IOException {
    Path doc = doc();
    assertThat(doc).as("docs/matrix.md").exists();
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    String updated = text;
    StringBuilder drift = new StringBuilder();
    for (DecisionMatrix m : MatrixPresets.ALL) {
      String begin = "<!-- matrix:" + m.name() + ":begin -->\n";
      String end = "<!-- matrix:" + m.name() + ":end -->";
      int from = updated.indexOf(begin);
      int to = updated.indexOf(end);
      if (from < 0 || to < from) {
        fail("docs/matrix.md has no section '%s' ... '%s' for preset %s", begin.trim(), end,
            m.name());
      }
      String current = updated.substring(from + begin.length(), to);
      String expected = MatrixTable.render(m);
      if (!current.equals(expected)) {
        drift.append("\n--- ").append(m.name()).append(" in docs/matrix.md:\n").append(current)
            .append("--- as MatrixPresets.").append(m.name()).append(" renders it:\n")
            .append(expected);
        updated = updated.substring(0, from + begin.length()) + expected + updated.substring(to);
      }
    }
    if (drift.length() == 0) {
      return;
    }
    if (Boolean.getBoolean(UPDATE_FLAG)) {
      Files.writeString(doc, updated, StandardCharsets.UTF_8);
      System.out.println("[matrix.md] rewrote the preset tables in " + doc);
      return;
    }
    fail("docs/matrix.md is out of date with MatrixPresets. Rewrite its tables with%n"
        + "  mvn -pl ringostat-amo-core test -Dtest=MatrixDocTest -D%s=true%n"
        + "then review the prose around them and commit both.%s", UPDATE_FLAG, drift);
  }
}
