package io.ringostat.amo.micrometer;

import io.ringostat.amo.engine.EngineMetrics;
import java.util.function.ToLongFunction;

/** Values of the {@code outcome} tag of {@code ringostat.amo.events}, and where each is counted. */
enum Outcome {
  DELIVERED(EngineMetrics::delivered),
  NOTHING_TO_DO(EngineMetrics::nothingToDo),
  DUPLICATE(EngineMetrics::duplicates),
  FAILED(EngineMetrics::failed),
  REJECTED(EngineMetrics::rejected),
  DEFERRED(EngineMetrics::deferred);

  final ToLongFunction<EngineMetrics> count;

  Outcome(ToLongFunction<EngineMetrics> count) {
    this.count = count;
  }

  String tag() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
