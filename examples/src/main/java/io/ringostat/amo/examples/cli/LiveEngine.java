package io.ringostat.amo.examples.cli;

import io.ringostat.amo.engine.ActivationResult;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.SettingsProblem;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BiFunction;
import picocli.CommandLine.Model.CommandSpec;

/**
 * An activated engine over a target for the real-time commands ({@code route}, {@code card}):
 * in-memory journal, no events. Empty when amoCRM did not activate (the reason is printed).
 */
final class LiveEngine {
  private LiveEngine() {}

  /**
   * Loads the settings, opens the target, starts an engine on it and runs {@code body} with the
   * engine and standard output; the exit code is {@code body}'s, or 1 when the engine won't start.
   */
  static int run(CommandSpec spec, TargetOptions target,
      BiFunction<IntegrationEngine, Out, Integer> body) {
    Out err = RingostatAmo.err(spec);
    IntegrationSettings settings = target.loadSettings(err);
    try (Target t = target.open(settings, err)) {
      Optional<IntegrationEngine> started = start(settings, t, err);
      if (started.isEmpty()) {
        return 1;
      }
      try (IntegrationEngine engine = started.get()) {
        return body.apply(engine, RingostatAmo.out(spec));
      }
    }
  }

  static Optional<IntegrationEngine> start(IntegrationSettings settings, Target t, Out err) {
    IntegrationEngine engine = t.engine(new InMemoryJournal(), Clock.systemUTC(),
        new Outcomes(a -> err.line("ALERT " + a.kind() + ": " + a.message())));
    ActivationResult activation = engine.activate();
    for (SettingsProblem p : activation.problems()) {
      err.line((p.isError() ? "error: " : "warning: ") + p);
    }
    if (!activation.isActive()) {
      err.line("amoCRM did not activate the integration (" + activation.state() + "): "
          + activation.message());
      engine.close();
      return Optional.empty();
    }
    return Optional.of(engine);
  }
}
