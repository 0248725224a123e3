package io.ringostat.amo.examples.cli;

import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.routing.FallThroughReason;
import io.ringostat.amo.core.routing.RoutingDecision;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code route}: who should take a call from this phone (smart routing, R-ROUTE). */
@Command(name = "route", mixinStandardHelpOptions = true,
    description = {"Smart routing: asks amoCRM who is responsible for the caller's open contact "
        + "or deal (in the settings' priority order) and prints the employee to forward the call "
        + "to, with the destinations, or 'fall through' with the reason."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:answered (routed, or fell through because nothing/nobody was found)",
        "1:amoCRM could not answer (down, slow, token refused)", "2:usage error"})
final class RouteCommand implements Callable<Integer> {
  /** Fall-through reasons that mean "amoCRM could not answer", not "nobody to route to". */
  static final Set<FallThroughReason> CRM_TROUBLE = EnumSet.of(FallThroughReason.CRM_DOWN,
      FallThroughReason.CRM_SLOW, FallThroughReason.INTEGRATION_BROKEN,
      FallThroughReason.INTEGRATION_PAUSED, FallThroughReason.BUDGET_EXHAUSTED);

  @Spec
  CommandSpec spec;

  @Mixin
  TargetOptions target;

  @Option(names = "--phone", paramLabel = "P", required = true,
      description = "The caller's number, in any format (repeat for several).")
  List<String> phones;

  @Override
  public Integer call() {
    return LiveEngine.run(spec, target, (engine, out) -> {
      int trouble = 0;
      for (String phone : phones) {
        RoutingDecision d = engine.route(phone);
        print(out, phone, d);
        if (d.fallThrough().filter(CRM_TROUBLE::contains).isPresent()) {
          trouble++;
        }
      }
      return trouble > 0 ? 1 : 0;
    });
  }

  static void print(Out out, String phone, RoutingDecision d) {
    if (d.routes()) {
      Employee e = d.employee().orElseThrow();
      out.line(out.bold("route " + phone + " -> " + e.name()) + " (employee " + e.code()
          + ", amoCRM user " + e.amoUserId() + ")");
      out.line("  destinations: " + String.join(", ", d.destinations()));
      out.line("  because: " + d.reason() + (d.fromCache() ? " (from the cache)" : ""));
    } else {
      out.line(out.bold("route " + phone + " -> fall through")
          + " (" + d.fallThrough().orElseThrow() + ")");
      out.line("  next step of the forwarding scheme: " + d.reason());
    }
  }
}
