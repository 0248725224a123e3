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
}
