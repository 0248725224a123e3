package io.ringostat.amo.engine;

import io.ringostat.amo.core.settings.SettingsProblem;
import java.util.List;

/**
 * The result of activating the integration (the seed's "activate the integration" step): the
 * state it is in now and every problem found in the settings against the live account, each
 * naming the setting and the reason. Errors keep the engine from going ACTIVE; warnings do not.
 *
 * @param message a human summary, e.g. why the credentials were refused
 */
public record ActivationResult(EngineState state, List<SettingsProblem> problems, String message) {
  public ActivationResult {
    problems = List.copyOf(problems);
  }

  public boolean isActive() {
    return state == EngineState.ACTIVE;
  }

  public List<SettingsProblem> errors() {
    return problems.stream().filter(SettingsProblem::isError).toList();
  }
}
