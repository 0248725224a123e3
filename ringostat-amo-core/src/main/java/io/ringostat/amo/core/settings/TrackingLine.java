package io.ringostat.amo.core.settings;

import io.ringostat.amo.core.matrix.DecisionMatrix;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallParameters;
import io.ringostat.amo.core.model.PhoneNormalizer;
import io.ringostat.amo.core.model.PhoneNumber;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A line of the telephony treated on its own (R-FILTER): calls to or from one of its tracking
 * numbers, or through one of its trunks, are ignored, or decided by the line's own matrix (a
 * support line, for example, records calls but never creates deals). Settings try lines in order;
 * the first that matches a call applies.
 *
 * @param name shown in explanations, e.g. "support"
 * @param numbers tracking numbers in international form, e.g. {@code "+380443334455"}; a call
 *     matches when its tracking number normalizes to one of them
 * @param trunks trunk names; a call matches when its call parameter {@value #TRUNK_PARAMETER}
 *     (an extra parameter the host reports) equals one of them, trimmed and case-insensitive
 * @param matrix empty: the line's calls are ignored (nothing is planned); present: they are
 *     decided by this matrix instead of the settings' one
 */
public record TrackingLine(String name, List<String> numbers, List<String> trunks,
    Optional<DecisionMatrix> matrix) {
  /** The call parameter a trunk is read from (an extra parameter of the event's tracking). */
  public static final String TRUNK_PARAMETER = "trunk";

  public TrackingLine {
    Objects.requireNonNull(name, "name");
    numbers = List.copyOf(numbers);
    trunks = List.copyOf(trunks);
    Objects.requireNonNull(matrix, "matrix");
  }

  /** A line whose calls are ignored. */
  public static TrackingLine ignored(String name, List<String> numbers, List<String> trunks) {
    return new TrackingLine(name, numbers, trunks, Optional.empty());
  }

  /** A line whose calls the given matrix decides. */
  public static TrackingLine withMatrix(String name, List<String> numbers, List<String> trunks,
      DecisionMatrix matrix) {
    return new TrackingLine(name, numbers, trunks, Optional.of(matrix));
  }

  /** True when the line's calls plan nothing. */
  public boolean ignores() {
    return matrix.isEmpty();
  }

  /** What matched {@code event}: "tracking number +380…" or "trunk 'x'"; empty if nothing. */
  public Optional<String> match(CallEvent event, PhoneNormalizer normalizer) {
    Optional<PhoneNumber> tracking = event.trackingPhone()
        .flatMap(t -> normalizer.normalize(t).number());
    if (tracking.isPresent()) {
      for (String n : numbers) {
        Optional<PhoneNumber> entry = normalizer.normalize(n).number();
        if (entry.isPresent() && entry.get().equals(tracking.get())) {
          return Optional.of("tracking number " + tracking.get().e164());
        }
      }
    }
    Optional<String> trunk = CallParameters.value(event, TRUNK_PARAMETER)
        .map(t -> t.trim().toLowerCase(Locale.ROOT));
    if (trunk.isPresent()) {
      for (String t : trunks) {
        if (t.trim().toLowerCase(Locale.ROOT).equals(trunk.get())) {
          return Optional.of("trunk '" + t.trim() + "'");
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "line '" + name + "' " + numbers + " " + trunks + " → "
        + matrix.map(m -> "matrix " + m.name()).orElse("ignored");
  }
}
