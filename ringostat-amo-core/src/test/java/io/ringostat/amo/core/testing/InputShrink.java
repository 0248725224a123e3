package io.ringostat.amo.core.testing;

import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.testing.Generators.ViewShape;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Simplifies a {@link DecisionInput} within what its {@link Generators.Inputs} promise: no
 * progress (when progress was random), a simpler view of an allowed shape ({@link ViewShrink}),
 * a simpler event of the same phase ({@link CallShrink}; the endpoint stays when the inputs fix
 * its kind) and simpler settings that keep every employee the event or the view names ({@link
 * SettingsShrink}; a simpler matrix only when the inputs draw any matrix).
 */
final class InputShrink {
  private InputShrink() {}

  /**
   * Inputs with views of {@code shapes}, the endpoint kept when {@code keepEndpoint}, and simpler
   * matrices when {@code anyMatrix} (the inputs' settings are {@link Generators#settings()}).
   */
  static Shrink<DecisionInput> inputs(Set<ViewShape> shapes, boolean keepEndpoint,
      boolean anyMatrix) {
    Shrink<CrmView> views = ViewShrink.views(shapes);
    Shrink<DecisionInput> progress = in -> in.progress().equals(CallProgress.empty())
        ? Stream.empty() : Stream.of(in.withProgress(CallProgress.empty()));
    Shrink<DecisionInput> view = in -> in.view().stream()
        .flatMap(views::candidates).map(v -> in.withView(Optional.of(v)));
    Shrink<DecisionInput> event = in -> {
      CallShrink calls = CallShrink.outlines().normalizingPhones(in.settings().phoneNormalizer());
      return (keepEndpoint ? calls.keepingEndpoint() : calls).event().candidates(in.event())
          .map(e -> new DecisionInput(in.settings(), e, in.view(), in.progress()));
    };
    Shrink<DecisionInput> settings = in -> (anyMatrix
            ? SettingsShrink.keeping(usersOf(in)).or(SettingsShrink.matrices())
            : SettingsShrink.keeping(usersOf(in)))
        .candidates(in.settings())
        .map(s -> new DecisionInput(s, in.event(), in.view(), in.progress()));
    return progress.or(view).or(event).or(settings);
  }

  /** The senior manager, the answering employee and every owner in the view. */
  private static Set<Long> usersOf(DecisionInput in) {
    IntegrationSettings s = in.settings();
    Set<Long> users = new HashSet<>();
    users.add(s.seniorManagerUserId());
    in.event().employeeEndpoint().flatMap(s.directory()::byEndpoint)
        .map(Employee::amoUserId).ifPresent(users::add);
    in.view().ifPresent(v -> users.addAll(ViewShrink.owners(v)));
    return users;
  }
}
