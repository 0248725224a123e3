package io.ringostat.amo.benchmarks;

import io.ringostat.amo.core.Decider;
import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.PhoneParse;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.testing.DecisionInput;
import io.ringostat.amo.core.testing.Gen;
import io.ringostat.amo.core.testing.Generators;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Throughput of {@link Decider#decide} per preset and input, single-threaded; with {@code -prof
 * gc}, {@code gc.alloc.rate.norm} is the bytes allocated per decision (targets of issue 8: over
 * 1,000,000 decisions/s on one core, under 2 KB per decision). {@code decide} includes the phone
 * normalization it does itself; {@link #normalizePhone} measures that part alone.
 *
 * <p>Inputs, all on the demo settings with the preset swapped in:
 *
 * <ul>
 *   <li>{@code NEW_ANSWERED_ENDED}: an unknown client's inbound call, answered by an employee and
 *       ended, tracking data present (contact + deal + call records in RECOMMENDED);
 *   <li>{@code EXISTING_MISSED}: a missed inbound call from a client with a contact and an open
 *       deal (call record + call-back task);
 *   <li>{@code UNKNOWN_ENDPOINT}: a new client's call answered on an endpoint of no employee;
 *   <li>{@code MIXED}: 1,024 seeded inputs from {@code Generators.inputs()} (random settings
 *       around the preset, every phase, view shape and phone format), cycled.
 * </ul>
 *
 * <pre>{@code
 * java -jar ringostat-amo-benchmarks/target/benchmarks.jar DecideBenchmark -prof gc
 * }</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2) // C2 needs ~6 s here when other builds share the 2 cores
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecideBenchmark {

  /** One decision input per preset and shape. */
  @State(Scope.Thread)
  public static class Input {
    @Param({"RECOMMENDED", "UPDATE_ONLY", "UNSORTED"})
    public String preset;

    @Param({"NEW_ANSWERED_ENDED", "EXISTING_MISSED", "UNKNOWN_ENDPOINT", "MIXED"})
    public String input;

    private DecisionInput[] inputs;
    private int next;

    @Setup
    public void setUp() {
      if (input.equals("MIXED")) {
        Gen<DecisionInput> gen = Generators.inputs()
            .matrix(MatrixPresets.byName(preset).orElseThrow()).gen();
        SplittableRandom random = new SplittableRandom(20240506L);
        inputs = new DecisionInput[1024];
        for (int i = 0; i < inputs.length; i++) {
          inputs[i] = gen.generate(random, 10);
        }
      } else {
        inputs = new DecisionInput[] {fixed(BenchFixtures.settings(preset), input)};
      }
      for (DecisionInput in : inputs) {
        in.decide(); // fails fast on an input the decision refuses
      }
    }

    DecisionInput next() {
      DecisionInput in = inputs[next];
      next = next + 1 == inputs.length ? 0 : next + 1;
      return in;
    }
  }

  /** The client phone of {@code NEW_ANSWERED_ENDED}, as the PBX reports it. */
  @State(Scope.Thread)
  public static class Phone {
    IntegrationSettings settings = BenchFixtures.settings("RECOMMENDED");
    CallEvent event = fixed(settings, "NEW_ANSWERED_ENDED").event();
  }

  static DecisionInput fixed(IntegrationSettings settings, String shape) {
    String raw = BenchFixtures.rawPhone(1234567);
    CallEvent event;
    Optional<CrmView> view;
    switch (shape) {
      case "NEW_ANSWERED_ENDED":
        event = BenchFixtures.answeredEnded("call-1", raw, Optional.of(BenchFixtures.OLENA));
        view = Optional.of(CrmView.empty(BenchFixtures.phone(1234567)));
        break;
      case "EXISTING_MISSED":
        event = BenchFixtures.missedEnded("call-2", raw);
        view = Optional.of(BenchFixtures.existingClient(BenchFixtures.phone(1234567)));
        break;
      case "UNKNOWN_ENDPOINT":
        event = BenchFixtures.answeredEnded("call-3", raw, Optional.of("sip-999"));
        view = Optional.of(CrmView.empty(BenchFixtures.phone(1234567)));
        break;
      default:
        throw new IllegalArgumentException("input: " + shape);
    }
    return new DecisionInput(settings, event, view, CallProgress.empty());
  }

  @Benchmark
  public Plan decide(Input in) {
    DecisionInput d = in.next();
    return Decider.matrix().decide(d.event(), d.view(), d.settings(), d.progress());
  }

  @Benchmark
  public PhoneParse normalizePhone(Phone p) {
    return Decider.phone(p.event, p.settings);
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(DecideBenchmark.class.getSimpleName())
        .addProfiler("gc").build()).run();
  }
}
