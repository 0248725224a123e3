/**
 * Benchmarks of the SDK (issue 8), never deployed: JMH benchmarks of the decision ({@link
 * io.ringostat.amo.benchmarks.DecideBenchmark}), the durable journal ({@link
 * io.ringostat.amo.benchmarks.JournalBenchmark}) and routing ({@link
 * io.ringostat.amo.benchmarks.RoutingBenchmark}), and {@link io.ringostat.amo.benchmarks.EndToEnd},
 * the SDK against a naive integration on the testkit's emulator. {@code docs/performance.md} has
 * the figures, the machine and the commands.
 *
 * <pre>{@code
 * mvn -B -Pbench -pl ringostat-amo-benchmarks -am package -DskipTests
 * java -jar ringostat-amo-benchmarks/target/benchmarks.jar DecideBenchmark -prof gc
 * }</pre>
 */
package io.ringostat.amo.benchmarks;
