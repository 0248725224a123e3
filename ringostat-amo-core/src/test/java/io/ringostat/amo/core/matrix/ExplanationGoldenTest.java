package io.ringostat.amo.core.matrix;

import static io.ringostat.amo.core.testing.DecideSpec.given;
import static io.ringostat.amo.core.testing.ExampleWorld.BOHDAN;
import static io.ringostat.amo.core.testing.ExampleWorld.existingClient;
import static io.ringostat.amo.core.testing.ExampleWorld.inbound;
import static io.ringostat.amo.core.testing.ExampleWorld.outbound;
import static io.ringostat.amo.core.testing.ExampleWorld.pendingUnsorted;
import static io.ringostat.amo.core.testing.ExampleWorld.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.plan.PlanPrinter;
import io.ringostat.amo.core.testing.Covers;
import io.ringostat.amo.core.testing.DecideSpec;
import io.ringostat.amo.core.testing.ExampleWorld;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The whole printed plan, explanation included, of one call per preset scenario: what support and
 * a user tuning the matrix read ("Client: existing, contact #10001 (responsible ...)", "= deal
 * already done ..."). Golden file {@code src/test/resources/golden/explanations.txt}; after a
 * deliberate change, rewrite it with {@code -Dgolden.update=true} and review the diff.
 */
class ExplanationGoldenTest {
  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden",
      "explanations.txt");

  @Test
  @Covers({"R-V1", "R-V2", "R-UNS", "R-CLASS", "R-MATRIX"})
  @DisplayName("R-MATRIX the explanation of every preset scenario names the scenario, the cell,"
      + " who answered, the client's entities and their owners, and what was already done")
  void explanations() throws IOException {
    StringBuilder out = new StringBuilder();
    for (DecisionMatrix m : MatrixPresets.ALL) {
      var s = settings(m);
      section(out, m.name() + " inbound answered, new client", given(s),
          inbound("a-1").by("anna"), true);
      section(out, m.name() + " inbound answered by another manager, existing client",
          given(s).crm(crm -> crm.seed(existingClient())), inbound("a-2").by("bohdan"), true);
      section(out, m.name() + " inbound missed, new client", given(s), inbound("a-3"), false);
      section(out, m.name() + " inbound missed (busy), existing client of Bohdan",
          given(s).crm(crm -> crm.seed(existingClient(BOHDAN))), inbound("a-4"), false);
      section(out, m.name() + " outbound answered, new number", given(s),
          outbound("a-5").by("bohdan"), true);
      section(out, m.name() + " inbound answered on an unknown endpoint", given(s),
          inbound("a-6").by("sip:trainee-7@pbx.example"), true);
      section(out, m.name() + " inbound answered beside a pending unsorted request",
          given(s).crm(crm -> crm.seed(pendingUnsorted())), inbound("a-7").by("anna"), true);
    }
    String actual = out.toString();
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
    }
    assertThat(GOLDEN).as("golden file (rewrite with -Dgolden.update=true)").exists();
    assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
  }

  /** Every event of the call, with the ENDED event delivered twice (the repeat does nothing). */
  private static void section(StringBuilder out, String title, DecideSpec spec,
      ExampleWorld.Call call, boolean answered) {
    out.append("### ").append(title).append('\n');
    if (answered) {
      out.append(PlanPrinter.print(spec.when(call.ringing()).plan())).append('\n');
      out.append(PlanPrinter.print(spec.when(call.answered()).plan())).append('\n');
      out.append(PlanPrinter.print(spec.when(call.ended()).plan())).append('\n');
      out.append(PlanPrinter.print(spec.when(call.ended()).plan())).append('\n');
    } else {
      out.append(PlanPrinter.print(spec.when(call.missed(Disposition.BUSY)).plan())).append('\n');
      out.append(PlanPrinter.print(spec.when(call.missed(Disposition.BUSY)).plan()))
          .append('\n');
    }
  }
}
