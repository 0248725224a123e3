package io.ringostat.amo.examples.cli;

import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.routing.CallerCard;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code card}: what amoCRM knows about the caller, with links (R-CARD). */
@Command(name = "card", mixinStandardHelpOptions = true,
    description = {"Caller card: the contact's name, the responsible manager, open deals with "
        + "pipeline and status, the company, and links into amoCRM's web interface."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:answered (a card, or an empty one with the reason)",
        "1:amoCRM could not be reached or refused the token", "2:usage error"})
final class CardCommand implements Callable<Integer> {
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
      for (String phone : phones) {
        print(out, phone, engine.callerCard(phone));
      }
      return 0;
    });
  }

  static void print(Out out, String phone, CallerCard c) {
    if (c.isEmpty()) {
      out.line(out.bold("card " + phone) + ": nothing known"
          + c.emptyReason().map(r -> " (" + r + ")").orElse(""));
      return;
    }
    out.line(out.bold("card " + phone) + c.contact().map(x -> ": " + x.name()).orElse(""));
    c.contact().ifPresent(x -> out.line("  contact   #" + x.id() + "  " + x.link()));
    c.responsible().ifPresent(r -> out.line("  responsible  " + r.name()
        + r.employee().map(Employee::code).map(code -> " (employee " + code + ")").orElse("")
        + ", amoCRM user " + r.amoUserId()));
    for (CallerCard.Deal d : c.openDeals()) {
      out.line("  open deal #" + d.id() + "  \"" + d.name() + "\"  " + d.pipeline() + " / "
          + d.status() + "  " + d.link());
    }
    c.company().ifPresent(x -> out.line("  company   " + x.name() + "  " + x.link()));
  }
}
