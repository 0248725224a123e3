package io.ringostat.amo.core.text;

import static io.ringostat.amo.core.testing.DecideSpec.given;
import static io.ringostat.amo.core.testing.ExampleWorld.existingClient;
import static io.ringostat.amo.core.testing.ExampleWorld.inbound;
import static io.ringostat.amo.core.testing.ExampleWorld.outbound;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.matrix.DecisionMatrix;
import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.TaskTemplate;
import io.ringostat.amo.core.testing.ExampleWorld;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R-LANG: every text a plan writes into amoCRM (contact and deal names, unsorted titles, task
 * texts, call results), scenario by scenario, in Russian and Ukrainian, written out in full.
 */
class LanguageGoldenTest {

  /** One scenario: a call, what the CRM holds, and the matrix. */
  private record Case(String name, DecisionMatrix matrix, Optional<CrmView> crm, CallEvent event) {}

  private static List<Case> cases() {
    DecisionMatrix v1 = MatrixPresets.RECOMMENDED;
    return List.of(
        new Case("inbound answered new", v1, Optional.empty(), inbound("c-1").by("anna").ended()),
        new Case("inbound answered existing, by the responsible", v1,
            Optional.of(existingClient()), inbound("c-2").by("anna").ended()),
        new Case("inbound answered existing, by another", v1, Optional.of(existingClient()),
            inbound("c-3").by("bohdan").ended()),
        new Case("inbound missed new", v1, Optional.empty(), inbound("c-4").missed()),
        new Case("inbound missed existing, busy", v1, Optional.of(existingClient()),
            inbound("c-5").missed(Disposition.BUSY)),
        new Case("outbound answered new", v1, Optional.empty(),
            outbound("c-6").by("bohdan").ended()),
        new Case("outbound answered existing, by another", v1, Optional.of(existingClient()),
            outbound("c-7").by("bohdan").ended()),
        new Case("outbound missed existing, no answer", v1, Optional.of(existingClient()),
            outbound("c-8").by("anna").missed()),
        new Case("answered on an unknown endpoint", v1, Optional.empty(),
            inbound("c-9").by("sip:trainee-7@pbx.example").ended()),
        new Case("missed from an anonymous number", v1, Optional.empty(),
            inbound("c-10").from("anonymous").missed()),
        new Case("unsorted: inbound answered new", MatrixPresets.UNSORTED, Optional.empty(),
            inbound("c-11").by("anna").ended()),
        new Case("missed, voicemail", v1, Optional.of(existingClient()),
            inbound("c-12").missed(Disposition.VOICEMAIL)),
        new Case("missed, failed", v1, Optional.of(existingClient()),
            inbound("c-13").missed(Disposition.FAILED)));
  }

  /** The user-visible texts of {@code plan}, one per line, labelled by effect. */
  private static String texts(Plan plan) {
    List<String> out = new ArrayList<>();
    for (Effect e : plan.effects()) {
      if (e instanceof Effect.CreateContact c) {
        out.add("contact: " + c.name());
      } else if (e instanceof Effect.CreateDeal d) {
        out.add("deal: " + d.name());
      } else if (e instanceof Effect.CreateUnsorted u) {
        out.add("unsorted: " + u.dealName() + " / contact " + u.contactName());
      } else if (e instanceof Effect.RecordCall r) {
        out.add("result: " + r.result());
      } else if (e instanceof Effect.CreateTask t) {
        out.add("task: " + t.text());
      }
    }
    return String.join("\n", new java.util.LinkedHashSet<>(out));
  }

  private static String all(Language language) {
    StringBuilder out = new StringBuilder();
    for (Case c : cases()) {
      IntegrationSettings s = ExampleWorld.builder(c.matrix()).language(language).build();
      var spec = given(s);
      c.crm().ifPresent(view -> spec.crm(crm -> crm.seed(view)));
      Plan plan = spec.when(c.event()).plan();
      out.append("## ").append(c.name()).append('\n').append(texts(plan)).append('\n');
    }
    return out.toString();
  }

  @Test
  @DisplayName("R-LANG Russian: every scenario's names, task texts and call results")
  void russian() {
    assertThat(all(Language.RU)).isEqualTo("""
        ## inbound answered new
        contact: +380441234567
        deal: Входящий звонок +380441234567
        result: Звонок принял сотрудник Anna Kovalenko
        ## inbound answered existing, by the responsible
        result: Звонок принял сотрудник Anna Kovalenko
        ## inbound answered existing, by another
        result: Звонок принял сотрудник Bohdan Shevchenko, а не ответственный менеджер Anna Kovalenko
        ## inbound missed new
        contact: +380441234567
        deal: Входящий звонок +380441234567
        result: Пропущенный звонок: без ответа
        task: Пропущенный звонок с номера +380441234567: перезвоните клиенту
        ## inbound missed existing, busy
        result: Пропущенный звонок: занято
        task: Пропущенный звонок с номера +380441234567: перезвоните клиенту
        ## outbound answered new
        contact: +380441234567
        result: Звонил сотрудник Bohdan Shevchenko
        ## outbound answered existing, by another
        result: Звонил сотрудник Bohdan Shevchenko, а не ответственный менеджер Anna Kovalenko
        ## outbound missed existing, no answer
        result: Пропущенный звонок: без ответа
        ## answered on an unknown endpoint
        contact: +380441234567
        deal: Входящий звонок +380441234567
        result: Звонок принят на номер или SIP-аккаунт sip:trainee-7@pbx.example, который не привязан ни к одному сотруднику
        task: Был звонок менеджеру с неизвестным номером sip:trainee-7@pbx.example (клиент +380441234567): привяжите этот номер или SIP-аккаунт к сотруднику в настройках интеграции
        ## missed from an anonymous number
        task: Пропущенный звонок с нераспознанного номера «anonymous» (звонили на +380 44 111 00 01): проверьте журнал звонков
        ## unsorted: inbound answered new
        unsorted: Заявка по звонку с +380441234567 / contact +380441234567
        result: Звонок принял сотрудник Anna Kovalenko
        ## missed, voicemail
        result: Пропущенный звонок: голосовая почта
        task: Пропущенный звонок с номера +380441234567: перезвоните клиенту
        ## missed, failed
        result: Пропущенный звонок: ошибка соединения
        task: Пропущенный звонок с номера +380441234567: перезвоните клиенту
        """);
  }

  @Test
  @DisplayName("R-LANG Ukrainian: every scenario's names, task texts and call results")
  void ukrainian() {
    assertThat(all(Language.UK)).isEqualTo("""
        ## inbound answered new
        contact: +380441234567
        deal: Вхідний дзвінок +380441234567
        result: Дзвінок прийняв працівник Anna Kovalenko
        ## inbound answered existing, by the responsible
        result: Дзвінок прийняв працівник Anna Kovalenko
        ## inbound answered existing, by another
        result: Дзвінок прийняв працівник Bohdan Shevchenko, а не відповідальний менеджер Anna Kovalenko
        ## inbound missed new
        contact: +380441234567
        deal: Вхідний дзвінок +380441234567
        result: Пропущений дзвінок: без відповіді
        task: Пропущений дзвінок з номера +380441234567: передзвоніть клієнту
        ## inbound missed existing, busy
        result: Пропущений дзвінок: зайнято
        task: Пропущений дзвінок з номера +380441234567: передзвоніть клієнту
        ## outbound answered new
        contact: +380441234567
        result: Дзвонив працівник Bohdan Shevchenko
        ## outbound answered existing, by another
        result: Дзвонив працівник Bohdan Shevchenko, а не відповідальний менеджер Anna Kovalenko
        ## outbound missed existing, no answer
        result: Пропущений дзвінок: без відповіді
        ## answered on an unknown endpoint
        contact: +380441234567
        deal: Вхідний дзвінок +380441234567
        result: Дзвінок прийнято на номер або SIP-акаунт sip:trainee-7@pbx.example, який не прив’язаний до жодного працівника
        task: Був дзвінок менеджеру з невідомим номером sip:trainee-7@pbx.example (клієнт +380441234567): прив’яжіть цей номер або SIP-акаунт до працівника в налаштуваннях інтеграції
        ## missed from an anonymous number
        task: Пропущений дзвінок з нерозпізнаного номера «anonymous» (дзвонили на +380 44 111 00 01): перевірте журнал дзвінків
        ## unsorted: inbound answered new
        unsorted: Заявка з дзвінка +380441234567 / contact +380441234567
        result: Дзвінок прийняв працівник Anna Kovalenko
        ## missed, voicemail
        result: Пропущений дзвінок: голосова пошта
        task: Пропущений дзвінок з номера +380441234567: передзвоніть клієнту
        ## missed, failed
        result: Пропущений дзвінок: помилка з’єднання
        task: Пропущений дзвінок з номера +380441234567: передзвоніть клієнту
        """);
  }

  @Test
  @DisplayName("R-LANG the user's own texts win: a deal name template, a task template text and a"
      + " catalogue override, in any language")
  void customTextsWin() {
    IntegrationSettings s = ExampleWorld.builder(MatrixPresets.RECOMMENDED)
        .language(Language.UK)
        .dealNameTemplate("Дзвінок {client_phone} ({pool})")
        .putTaskTemplate(MatrixPresets.MISSED_CALL_TASK,
            new TaskTemplate("Call back {client_phone}", Duration.ofMinutes(30), TaskTemplate.CALL))
        .putMessage("uk", Map.of("result-missed-no-answer", "Не відповіли"))
        .build();
    Plan plan = given(s).when(inbound("c-1").missed()).plan();
    assertThat(texts(plan)).isEqualTo("""
        contact: +380441234567
        deal: Дзвінок +380441234567 (Context ads)
        result: Не відповіли
        task: Call back +380441234567""");
  }

  @Test
  @DisplayName("R-LANG without a language the texts are English, as before")
  void englishByDefault() {
    Plan plan = given(ExampleWorld.settings(MatrixPresets.RECOMMENDED))
        .when(inbound("c-1").missed()).plan();
    assertThat(texts(plan)).isEqualTo("""
        contact: +380441234567
        deal: Inbound call +380441234567
        result: Missed call: no answer
        task: Missed call from +380441234567: call the client back""");
  }

  @Test
  @DisplayName("R-LANG English: every scenario's names, task texts and call results")
  void english() {
    assertThat(all(Language.EN)).isEqualTo("""
        ## inbound answered new
        contact: +380441234567
        deal: Inbound call +380441234567
        result: Answered by Anna Kovalenko
        ## inbound answered existing, by the responsible
        result: Answered by Anna Kovalenko
        ## inbound answered existing, by another
        result: Answered by Bohdan Shevchenko, not by the responsible manager (Anna Kovalenko)
        ## inbound missed new
        contact: +380441234567
        deal: Inbound call +380441234567
        result: Missed call: no answer
        task: Missed call from +380441234567: call the client back
        ## inbound missed existing, busy
        result: Missed call: busy
        task: Missed call from +380441234567: call the client back
        ## outbound answered new
        contact: +380441234567
        result: Called by Bohdan Shevchenko
        ## outbound answered existing, by another
        result: Called by Bohdan Shevchenko, not by the responsible manager (Anna Kovalenko)
        ## outbound missed existing, no answer
        result: Missed call: no answer
        ## answered on an unknown endpoint
        contact: +380441234567
        deal: Inbound call +380441234567
        result: Answered on sip:trainee-7@pbx.example, a number or SIP account not linked to any employee
        task: A call from +380441234567 was answered on an unknown number or SIP account 'sip:trainee-7@pbx.example': link it to an employee in the integration settings
        ## missed from an anonymous number
        task: Missed call from a number that could not be recognized ('anonymous', dialled +380 44 111 00 01): check the call log
        ## unsorted: inbound answered new
        unsorted: Call request from +380441234567 / contact +380441234567
        result: Answered by Anna Kovalenko
        ## missed, voicemail
        result: Missed call: voicemail
        task: Missed call from +380441234567: call the client back
        ## missed, failed
        result: Missed call: connection failed
        task: Missed call from +380441234567: call the client back
        """);
  }
}
