package io.ringostat.amo.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The harness itself: generators replay from a seed, the runner shrinks and says how to replay. */
class PropertyTest {

  @Test
  void sameSeedAndSizeGiveTheSameValue() {
    Gen<List<Integer>> lists = Gen.listOf(Gen.ints(0, 1000), 0, 50);
    for (long seed = 0; seed < 20; seed++) {
      assertThat(lists.sample(seed, 30)).isEqualTo(lists.sample(seed, 30));
    }
  }

  @Test
  void sizeBoundsListLengths() {
    Gen<List<Integer>> lists = Gen.listOf(Gen.ints(0, 9), 0, 100);
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 100; i++) {
      assertThat(lists.generate(random, 3)).hasSizeLessThanOrEqualTo(3);
    }
    assertThat(lists.generate(random, 0)).isEmpty();
  }

  @Test
  void filterGivesUpWithAClearError() {
    Gen<Integer> never = Gen.ints(0, 9).filter(i -> i > 100);
    assertThat(catchThrowable(() -> never.sample(1, 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no value passed the filter");
  }

  @Test
  void aFailingPropertyIsShrunkAndNamesHowToReplay() {
    // a list as long as the size: fails from size 5 on, so shrinking must end at exactly 5
    Gen<List<Integer>> exactly = (random, size) -> java.util.Collections.nCopies(size, 1);
    Throwable thrown = catchThrowable(() -> Property.forAll(exactly).tries(50).maxSize(30)
        .check("lists are short", l -> assertThat(l).hasSizeLessThan(5)));
    assertThat(thrown).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Property 'lists are short' failed")
        .hasMessageContaining("replay with: -Dtest=PropertyTest -Dproperty.seed=0x")
        .hasMessageContaining("-Dproperty.size=5 ")
        .hasMessageContaining("-Dproperty.tries=1");
  }

  @Test
  void aPassingPropertyRunsEveryTry() {
    AtomicInteger runs = new AtomicInteger();
    Property.forAll(Gen.ints(0, 9)).tries(17).check("counts", i -> runs.incrementAndGet());
    assertThat(runs.get()).isEqualTo(Integer.getInteger("property.tries", 17));
  }

  @Test
  void aGeneratorFailureIsReportedAsAFailure() {
    Gen<Integer> broken = (random, size) -> {
      throw new IllegalStateException("boom");
    };
    assertThat(catchThrowable(() -> Property.forAll(broken).tries(3).check("broken", i -> { })))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the generator failed")
        .hasRootCauseMessage("boom");
  }

  @Test
  void aFailingListIsShrunkToTheSmallestElementThatFails() {
    Gen<List<Integer>> lists = Gen.listOf(Gen.ints(0, 200), 0, 30)
        .shrinkWith(Shrink.list(Shrink.towardsZero()));
    Throwable thrown = catchThrowable(() -> Property.forAll(lists).seed(0x17L)
        .check("no element over 100", l -> assertThat(l).allMatch(i -> i <= 100)));
    assertThat(thrown).isInstanceOf(AssertionError.class)
        .hasMessageContaining("\n  value (shrunk in ")
        .hasMessageContaining("): [101]\n")
        .hasMessageContaining("(gives the value before value shrinking)");
  }

  @Test
  void shrinkingIsDeterministic() {
    Gen<List<Integer>> lists = Gen.listOf(Gen.ints(0, 200), 0, 30)
        .shrinkWith(Shrink.list(Shrink.towardsZero()));
    Property<List<Integer>> property = Property.forAll(lists).seed(0x5eedL);
    java.util.function.Consumer<List<Integer>> bigSum =
        l -> assertThat(l.stream().mapToInt(Integer::intValue).sum()).isLessThan(300);
    Throwable first = catchThrowable(() -> property.check("small sums", bigSum));
    Throwable second = catchThrowable(() -> property.check("small sums", bigSum));
    assertThat(first).isNotNull();
    assertThat(second).hasMessage(first.getMessage());
  }

  @Test
  void aCandidateThatFailsAnotherWayIsNotTaken() {
    // the empty list fails too, but at another line: shrinking must keep a non-empty list
    Gen<List<Integer>> lists = Gen.listOf(Gen.ints(0, 200), 1, 30)
        .shrinkWith(Shrink.list(Shrink.towardsZero()));
    Throwable thrown = catchThrowable(() -> Property.forAll(lists).seed(3L)
        .check("a first element under 150", l -> {
          assertThat(l).isNotEmpty();
          assertThat(l.get(0)).isLessThan(150);
        }));
    assertThat(thrown).hasMessageContaining("): [150]\n");
  }

  @Test
  void shrinkingStopsWithinItsBudget() {
    AtomicInteger runs = new AtomicInteger();
    // a shrinker that always offers another failing value: only the budget ends it
    Shrink<Integer> endless = i -> java.util.stream.Stream.of(i + 1);
    Throwable thrown = catchThrowable(() -> Property.forAll(Gen.ints(0, 9).shrinkWith(endless))
        .tries(1).check("always fails", i -> {
          runs.incrementAndGet();
          throw new AssertionError("no");
        }));
    assertThat(thrown).hasMessageContaining("budget spent");
    assertThat(runs.get()).isLessThanOrEqualTo(1 + Property.DEFAULT_SHRINK_RUNS
        + Integer.getInteger("property.maxSize", Property.DEFAULT_MAX_SIZE));
  }

  @Test
  void aPassingPropertyNeverAsksTheShrinker() {
    AtomicInteger asked = new AtomicInteger();
    Shrink<Integer> counting = i -> {
      asked.incrementAndGet();
      return java.util.stream.Stream.empty();
    };
    Property.forAll(Gen.ints(0, 9).shrinkWith(counting)).tries(20).check("holds", i -> { });
    assertThat(asked.get()).isZero();
  }

  @Test
  void listsShrinkByHalvesThenSingleElements() {
    assertThat(Shrink.list(Shrink.<Integer>none()).candidates(List.of(1, 2, 3, 4)).toList())
        .containsExactly(List.of(), List.of(3, 4), List.of(1, 2), List.of(2, 3, 4),
            List.of(1, 3, 4), List.of(1, 2, 4), List.of(1, 2, 3));
    assertThat(Shrink.towardsZero().candidates(-8).toList()).containsExactly(0, -4, -6, -7);
  }

  @Test
  void employeesShrinkToTheFewestThatFail() {
    Throwable thrown = catchThrowable(() -> Property.forAll(Generators.employees("UA")).seed(7L)
        .check("at most two employees", l -> assertThat(l).hasSizeLessThanOrEqualTo(2)));
    assertThat(thrown).isInstanceOf(PropertyFailure.class);
    assertThat((List<?>) ((PropertyFailure) thrown).value()).hasSize(3);
  }

  @Test
  void aBrokenShrinkerStillReportsTheFailure() {
    Shrink<Integer> broken = i -> {
      throw new IllegalStateException("shrinker bug");
    };
    Throwable thrown = catchThrowable(() -> Property.forAll(Gen.ints(5, 9).shrinkWith(broken))
        .tries(3).check("small", i -> assertThat(i).isLessThan(5)));
    assertThat(thrown).isInstanceOf(PropertyFailure.class)
        .hasMessageContaining("the shrinker failed: java.lang.IllegalStateException: shrinker bug")
        .hasMessageContaining("because: java.lang.AssertionError");
  }
}
