package io.ringostat.amo.journal.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group commit alone: who joins which group, what a failed group does to its callers. */
class GroupCommitTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void requestsArrivingDuringACommitShareTheNextOne() throws Exception {
    CountDownLatch firstRunning = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    List<List<Integer>> groups = new CopyOnWriteArrayList<>();
    GroupCommit<Integer, String> commit = new GroupCommit<>("test", group -> {
      groups.add(group);
      if (groups.size() == 1) {
        firstRunning.countDown();
        await(releaseFirst);
      }
      return group.stream().map(i -> "done-" + i).toList();
    });
    Future<String> first = pool.submit(() -> commit.submit(0));
    firstRunning.await();
    List<Future<String>> later = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      int n = i;
      later.add(pool.submit(() -> commit.submit(n)));
    }
    while (queued(commit) < 5) {
      Thread.sleep(5);
    }
    assertThat(later).noneMatch(Future::isDone);
    releaseFirst.countDown();

    assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("done-0");
    for (int i = 0; i < 5; i++) {
      assertThat(later.get(i).get(5, TimeUnit.SECONDS)).isEqualTo("done-" + (i + 1));
    }
    assertThat(groups).hasSize(2);
    assertThat(groups.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    assertThat(commit.groups()).isEqualTo(2);
  }

  @Test
  void aFailedGroupFailsOnlyItsOwnCallers() throws Exception {
    CountDownLatch firstRunning = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    List<List<Integer>> groups = new CopyOnWriteArrayList<>();
    GroupCommit<Integer, Integer> commit = new GroupCommit<>("append", group -> {
      groups.add(group);
      if (groups.size() == 1) {
        firstRunning.countDown();
        await(releaseFirst);
        return group;
      }
      if (groups.size() == 2) {
        throw new SqliteJournalException("journal: append failed: disk I/O error");
      }
      return group;
    });
    Future<Integer> first = pool.submit(() -> commit.submit(0));
    firstRunning.await();
    Future<Integer> a = pool.submit(() -> commit.submit(1));
    Future<Integer> b = pool.submit(() -> commit.submit(2));
    while (queued(commit) < 2) {
      Thread.sleep(5);
    }
    releaseFirst.countDown();

    assertThat(first.get(5, TimeUnit.SECONDS)).isZero();
    for (Future<Integer> f : List.of(a, b)) {
      assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(SqliteJournalException.class)
          .hasMessageContaining("disk I/O error")
          .hasMessageContaining("together with 1 other request(s); none of them is in the journal");
    }
    assertThat(commit.submit(3)).as("the next group commits again").isEqualTo(3);
  }

  @Test
  void aClosedJournalStaysAnIllegalStateException() {
    GroupCommit<Integer, Integer> commit = new GroupCommit<>("append", group -> {
      throw new IllegalStateException("journal is closed");
    });
    assertThatThrownBy(() -> commit.submit(1)).isInstanceOf(IllegalStateException.class)
        .hasMessage("journal is closed");
  }

  private static int queued(GroupCommit<?, ?> commit) {
    return commit.queued();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
