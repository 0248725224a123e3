package io.ringostat.amo.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.engine.journal.RememberedTask;
import io.ringostat.amo.engine.testing.FakeAmoCrm;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R-LIFE through the engine: the journal remembers the call-back task the SDK created, so a second
 * missed call adds none and an answered call completes it, without looking tasks up in amoCRM.
 */
class CallbackTasksEngineTest {
  private final FakeAmoCrm crm = new FakeAmoCrm(FakeAmoCrm.catalog(ZoneId.of("Europe/Kyiv"),
      IntegrationEngineTest.OLENA, IntegrationEngineTest.SENIOR));
  private final InMemoryJournal journal = new InMemoryJournal();
  private IntegrationEngine engine;

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
  }

  private void start() {
    engine = IntegrationEngine.builder()
        .settings(IntegrationEngineTest.settings(ZoneId.of("Europe/Kyiv"))).amo(crm)
        .journal(journal).build();
    assertThat(engine.activate().isActive()).isTrue();
  }

  @Test
  @DisplayName("R-LIFE two missed calls: two call records, one call-back task, journaled open")
  void twoMissedCallsOneTask() {
    start();
    String phone = "+380 44 123 45 67";

    engine.handle(IntegrationEngineTest.missed("c1", phone, IntegrationEngineTest.T0));
    engine.handle(IntegrationEngineTest.missed("c2", phone,
        IntegrationEngineTest.T0.plusSeconds(600)));

    assertThat(crm.tasks()).hasSize(1);
    assertThat(crm.records()).hasSize(2);
    assertThat(journal.openTasks(IntegrationEngineTest.CLIENT.digits()))
        .extracting(RememberedTask::id).containsExactly(crm.tasks().get(0).id());
  }

  @Test
  @DisplayName("R-LIFE a missed call, then an answered one: the task is completed and closed in"
      + " the journal; the next missed call gets a new task")
  void answeredCallCompletesTheTask() {
    start();
    String phone = "+380 44 123 45 67";
    engine.handle(IntegrationEngineTest.missed("c1", phone, IntegrationEngineTest.T0));

    engine.handle(IntegrationEngineTest.ended("c2", phone,
        IntegrationEngineTest.T0.plusSeconds(600)));

    assertThat(crm.tasks()).singleElement().satisfies(t -> {
      assertThat(t.completed()).isTrue();
      assertThat(t.result()).hasValueSatisfying(r -> assertThat(r).contains("25.11 12:10"));
    });
    assertThat(journal.openTasks(IntegrationEngineTest.CLIENT.digits())).isEmpty();

    engine.handle(IntegrationEngineTest.missed("c3", phone,
        IntegrationEngineTest.T0.plusSeconds(1200)));
    assertThat(crm.tasks()).hasSize(2);
    assertThat(crm.tasks().get(1).completed()).isFalse();
  }
}
