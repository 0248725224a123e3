package io.ringostat.amo.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.settings.TaskTemplate;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Golden texts: every key rendered with sample values in every language, asserted exactly (R-LANG).
 * The expected strings were reviewed for grammar and natural phrasing; change them deliberately.
 */
class MessageCatalogTest {
  private static final MessageCatalog TEXTS = MessageCatalog.defaults();

  /** Sample values for every placeholder; {direction} and {duration} come from the catalogue. */
  private static Map<String, String> sample(Language lang, String employee, String responsible) {
    Map<String, String> v = new HashMap<>();
    v.put("client_phone", "+380441234567");
    v.put("employee_name", employee);
    v.put("endpoint", "201");
    v.put("tracking_phone", "+380443334455");
    v.put("call_id", "c-1");
    v.put("pool", "Google Ads");
    v.put("direction", TEXTS.render(lang, MessageKey.DIRECTION_INBOUND, Map.of()));
    v.put("responsible", responsible);
    v.put("talked", employee + ", 202");
    v.put("time", "12.03.2025 14:05");
    v.put("duration", MessageCatalog.duration(lang, Duration.ofSeconds(125)));
    return v;
  }

  private static Map<MessageKey, String> renderAll(Language lang, String employee,
      String responsible) {
    Map<String, String> values = sample(lang, employee, responsible);
    Map<MessageKey, String> out = new EnumMap<>(MessageKey.class);
    for (MessageKey k : MessageKey.values()) {
      out.put(k, TEXTS.render(lang, k, values));
    }
    return out;
  }

  @Test
  @DisplayName("R-LANG Russian golden texts")
  void russian() {
    Map<MessageKey, String> t = renderAll(Language.RU, "Олена Коваль", "Иван Петров");
    Map<MessageKey, String> expected = new LinkedHashMap<>();
    expected.put(MessageKey.CONTACT_NAME, "+380441234567");
    expected.put(MessageKey.DEAL_NAME, "Входящий звонок +380441234567");
    expected.put(MessageKey.UNSORTED_DEAL_NAME, "Заявка по звонку с +380441234567");
    expected.put(MessageKey.DIRECTION_INBOUND, "Входящий");
    expected.put(MessageKey.DIRECTION_OUTBOUND, "Исходящий");
    expected.put(MessageKey.TASK_MISSED_CALL,
        "Пропущенный звонок с номера +380441234567: перезвоните клиенту");
    expected.put(MessageKey.TASK_UNKNOWN_ENDPOINT,
        "Был звонок менеджеру с неизвестным номером 201 (клиент +380441234567): привяжите этот"
            + " номер или SIP-аккаунт к сотруднику в настройках интеграции");
    expected.put(MessageKey.TASK_INVALID_PHONE,
        "Пропущенный звонок с нераспознанного номера «+380441234567» (звонили на"
            + " +380443334455): проверьте журнал звонков");
    expected.put(MessageKey.RESULT_TALKED, "Состоялся разговор");
    expected.put(MessageKey.RESULT_ANSWERED_BY, "Звонок принял сотрудник Олена Коваль");
    expected.put(MessageKey.RESULT_ANSWERED_BY_NOT_RESPONSIBLE,
        "Звонок принял сотрудник Олена Коваль, а не ответственный менеджер Иван Петров");
    expected.put(MessageKey.RESULT_CALLED_BY, "Звонил сотрудник Олена Коваль");
    expected.put(MessageKey.RESULT_CALLED_BY_NOT_RESPONSIBLE,
        "Звонил сотрудник Олена Коваль, а не ответственный менеджер Иван Петров");
    expected.put(MessageKey.RESULT_TRANSFERRED,
        "Звонок переводили, с клиентом говорили: Олена Коваль, 202");
    expected.put(MessageKey.RESULT_UNKNOWN_ENDPOINT,
        "Звонок принят на номер или SIP-аккаунт 201, который не привязан ни к одному сотруднику");
    expected.put(MessageKey.RESULT_MISSED_NO_ANSWER, "Пропущенный звонок: без ответа");
    expected.put(MessageKey.RESULT_MISSED_BUSY, "Пропущенный звонок: занято");
    expected.put(MessageKey.RESULT_MISSED_FAILED, "Пропущенный звонок: ошибка соединения");
    expected.put(MessageKey.RESULT_MISSED_VOICEMAIL, "Пропущенный звонок: голосовая почта");
    expected.put(MessageKey.CALLBACK_COMPLETED,
        "Выполнено: клиенту перезвонили, звонок от 12.03.2025 14:05");
    expected.put(MessageKey.TALK_DURATION, "Длительность разговора: 2 минуты 5 секунд");
    assertThat(t).containsExactlyEntriesOf(expected);
  }

  @Test
  @DisplayName("R-LANG Ukrainian golden texts")
  void ukrainian() {
    Map<MessageKey, String> t = renderAll(Language.UK, "Олена Коваль", "Іван Петренко");
    Map<MessageKey, String> expected = new LinkedHashMap<>();
    expected.put(MessageKey.CONTACT_NAME, "+380441234567");
    expected.put(MessageKey.DEAL_NAME, "Вхідний дзвінок +380441234567");
    expected.put(MessageKey.UNSORTED_DEAL_NAME, "Заявка з дзвінка +380441234567");
    expected.put(MessageKey.DIRECTION_INBOUND, "Вхідний");
    expected.put(MessageKey.DIRECTION_OUTBOUND, "Вихідний");
    expected.put(MessageKey.TASK_MISSED_CALL,
        "Пропущений дзвінок з номера +380441234567: передзвоніть клієнту");
    expected.put(MessageKey.TASK_UNKNOWN_ENDPOINT,
        "Був дзвінок менеджеру з невідомим номером 201 (клієнт +380441234567): прив’яжіть цей"
            + " номер або SIP-акаунт до працівника в налаштуваннях інтеграції");
    expected.put(MessageKey.TASK_INVALID_PHONE,
        "Пропущений дзвінок з нерозпізнаного номера «+380441234567» (дзвонили на"
            + " +380443334455): перевірте журнал дзвінків");
    expected.put(MessageKey.RESULT_TALKED, "Відбулася розмова");
    expected.put(MessageKey.RESULT_ANSWERED_BY, "Дзвінок прийняв працівник Олена Коваль");
    expected.put(MessageKey.RESULT_ANSWERED_BY_NOT_RESPONSIBLE,
        "Дзвінок прийняв працівник Олена Коваль, а не відповідальний менеджер Іван Петренко");
    expected.put(MessageKey.RESULT_CALLED_BY, "Дзвонив працівник Олена Коваль");
    expected.put(MessageKey.RESULT_CALLED_BY_NOT_RESPONSIBLE,
        "Дзвонив працівник Олена Коваль, а не відповідальний менеджер Іван Петренко");
    expected.put(MessageKey.RESULT_TRANSFERRED,
        "Дзвінок переводили, з клієнтом говорили: Олена Коваль, 202");
    expected.put(MessageKey.RESULT_UNKNOWN_ENDPOINT,
        "Дзвінок прийнято на номер або SIP-акаунт 201, який не прив’язаний до жодного"
            + " працівника");
    expected.put(MessageKey.RESULT_MISSED_NO_ANSWER, "Пропущений дзвінок: без відповіді");
    expected.put(MessageKey.RESULT_MISSED_BUSY, "Пропущений дзвінок: зайнято");
    expected.put(MessageKey.RESULT_MISSED_FAILED, "Пропущений дзвінок: помилка з’єднання");
    expected.put(MessageKey.RESULT_MISSED_VOICEMAIL, "Пропущений дзвінок: голосова пошта");
    expected.put(MessageKey.CALLBACK_COMPLETED,
        "Виконано: клієнту передзвонили, дзвінок від 12.03.2025 14:05");
    expected.put(MessageKey.TALK_DURATION, "Тривалість розмови: 2 хвилини 5 секунд");
    assertThat(t).containsExactlyEntriesOf(expected);
  }

  @Test
  @DisplayName("R-LANG English golden texts")
  void english() {
    Map<MessageKey, String> t = renderAll(Language.EN, "Olena Koval", "Ivan Petrenko");
    Map<MessageKey, String> expected = new LinkedHashMap<>();
    expected.put(MessageKey.CONTACT_NAME, "+380441234567");
    expected.put(MessageKey.DEAL_NAME, "Inbound call +380441234567");
    expected.put(MessageKey.UNSORTED_DEAL_NAME, "Call request from +380441234567");
    expected.put(MessageKey.DIRECTION_INBOUND, "Inbound");
    expected.put(MessageKey.DIRECTION_OUTBOUND, "Outbound");
    expected.put(MessageKey.TASK_MISSED_CALL,
        "Missed call from +380441234567: call the client back");
    expected.put(MessageKey.TASK_UNKNOWN_ENDPOINT,
        "A call from +380441234567 was answered on an unknown number or SIP account '201': link"
            + " it to an employee in the integration settings");
    expected.put(MessageKey.TASK_INVALID_PHONE,
        "Missed call from a number that could not be recognized ('+380441234567', dialled"
            + " +380443334455): check the call log");
    expected.put(MessageKey.RESULT_TALKED, "Talked to the client");
    expected.put(MessageKey.RESULT_ANSWERED_BY, "Answered by Olena Koval");
    expected.put(MessageKey.RESULT_ANSWERED_BY_NOT_RESPONSIBLE,
        "Answered by Olena Koval, not by the responsible manager (Ivan Petrenko)");
    expected.put(MessageKey.RESULT_CALLED_BY, "Called by Olena Koval");
    expected.put(MessageKey.RESULT_CALLED_BY_NOT_RESPONSIBLE,
        "Called by Olena Koval, not by the responsible manager (Ivan Petrenko)");
    expected.put(MessageKey.RESULT_TRANSFERRED,
        "Transferred call; the client talked with Olena Koval, 202");
    expected.put(MessageKey.RESULT_UNKNOWN_ENDPOINT,
        "Answered on 201, a number or SIP account not linked to any employee");
    expected.put(MessageKey.RESULT_MISSED_NO_ANSWER, "Missed call: no answer");
    expected.put(MessageKey.RESULT_MISSED_BUSY, "Missed call: busy");
    expected.put(MessageKey.RESULT_MISSED_FAILED, "Missed call: connection failed");
    expected.put(MessageKey.RESULT_MISSED_VOICEMAIL, "Missed call: voicemail");
    expected.put(MessageKey.CALLBACK_COMPLETED,
        "Done: the client was called back (12.03.2025 14:05)");
    expected.put(MessageKey.TALK_DURATION, "Talked for 2 minutes 5 seconds");
    assertThat(t).containsExactlyEntriesOf(expected);
  }

  @Test
  @DisplayName("R-LANG outbound deal names in every language")
  void outboundDealNames() {
    Map<Language, String> expected = Map.of(Language.RU, "Исходящий звонок +380441234567",
        Language.UK, "Вихідний дзвінок +380441234567", Language.EN, "Outbound call +380441234567");
    for (Language l : Language.values()) {
      Map<String, String> v = sample(l, "x", "y");
      v.put("direction", TEXTS.render(l, MessageKey.DIRECTION_OUTBOUND, Map.of()));
      assertThat(TEXTS.render(l, MessageKey.DEAL_NAME, v)).isEqualTo(expected.get(l));
    }
  }

  @Test
  @DisplayName("R-LANG the Russian unknown-endpoint task starts with the seed's text")
  void seedText() {
    assertThat(TEXTS.template(Language.RU, MessageKey.TASK_UNKNOWN_ENDPOINT).text().toLowerCase())
        .startsWith("был звонок менеджеру с неизвестным номером");
  }

  @Test
  @DisplayName("R-LANG English defaults keep today's texts")
  void englishKeepsTodaysTexts() {
    // the texts DefaultTemplates and IntegrationSettings write today, so wiring changes nothing
    // for English accounts
    assertThat(TEXTS.template(Language.EN, MessageKey.DEAL_NAME).text())
        .isEqualTo("{direction} call {client_phone}");
    assertThat(TEXTS.template(Language.EN, MessageKey.CONTACT_NAME).text())
        .isEqualTo("{client_phone}");
    assertThat(TEXTS.template(Language.EN, MessageKey.TASK_MISSED_CALL).text())
        .isEqualTo("Missed call from {client_phone}: call the client back");
  }

  @Test
  @DisplayName("R-LANG every template of every language uses only allowed placeholders")
  void completeAndValid() {
    for (Language l : Language.values()) {
      assertThat(TEXTS.templates(l)).hasSize(MessageKey.values().length);
      for (MessageKey k : MessageKey.values()) {
        assertThat(k.placeholders()).containsAll(TEXTS.template(l, k).placeholders());
      }
    }
  }

  @Test
  @DisplayName("R-LANG the catalogue's call placeholders are the settings' placeholders")
  void placeholdersMatchSettings() {
    assertThat(MessageKey.CALL_PLACEHOLDERS).isEqualTo(TaskTemplate.PLACEHOLDERS);
  }

  @Test
  @DisplayName("R-LANG durations with plural forms, zero parts left out")
  void durations() {
    assertThat(MessageCatalog.duration(Language.RU, Duration.ofSeconds(0))).isEqualTo("0 секунд");
    assertThat(MessageCatalog.duration(Language.RU, Duration.ofSeconds(21))).isEqualTo("21 секунда");
    assertThat(MessageCatalog.duration(Language.RU, Duration.ofSeconds(60))).isEqualTo("1 минута");
    assertThat(MessageCatalog.duration(Language.RU, Duration.ofSeconds(11 * 60 + 22)))
        .isEqualTo("11 минут 22 секунды");
    assertThat(MessageCatalog.duration(Language.RU, Duration.ofMinutes(75)))
        .isEqualTo("75 минут");
    assertThat(MessageCatalog.duration(Language.UK, Duration.ofSeconds(21 * 60 + 1)))
        .isEqualTo("21 хвилина 1 секунда");
    assertThat(MessageCatalog.duration(Language.UK, Duration.ofSeconds(5 * 60 + 3)))
        .isEqualTo("5 хвилин 3 секунди");
    assertThat(MessageCatalog.duration(Language.EN, Duration.ofSeconds(61)))
        .isEqualTo("1 minute 1 second");
    assertThat(MessageCatalog.duration(Language.EN, Duration.ofMillis(1999)))
        .isEqualTo("1 second");
    assertThatThrownBy(() -> MessageCatalog.duration(Language.EN, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
  }

  @Test
  @DisplayName("R-LANG custom templates override any text in one language only")
  void overrides() {
    MessageCatalog custom = TEXTS.withOverrides(Map.of(
        "ru", Map.of("task-missed-call", "Перезвонить {client_phone} ({pool})"),
        "uk", Map.of("result-talked", "Поговорили")));
    assertThat(custom.render(Language.RU, MessageKey.TASK_MISSED_CALL,
        Map.of("client_phone", "+380441234567", "pool", "Google Ads")))
        .isEqualTo("Перезвонить +380441234567 (Google Ads)");
    assertThat(custom.render(Language.UK, MessageKey.RESULT_TALKED, Map.of()))
        .isEqualTo("Поговорили");
    assertThat(custom.template(Language.EN, MessageKey.TASK_MISSED_CALL))
        .isEqualTo(TEXTS.template(Language.EN, MessageKey.TASK_MISSED_CALL));
    assertThat(custom.template(Language.RU, MessageKey.RESULT_TALKED))
        .isEqualTo(TEXTS.template(Language.RU, MessageKey.RESULT_TALKED));
    assertThat(TEXTS.withOverrides(Map.of())).isEqualTo(TEXTS);
  }

  @Test
  @DisplayName("R-LANG invalid custom templates are listed by path, then rejected")
  void invalidOverrides() {
    Map<String, Map<String, String>> bad = new LinkedHashMap<>();
    bad.put("ru", Map.of(
        "task-missed-call", "Перезвонить {client_phon}",
        "result-talked", "  ",
        "no-such-text", "x",
        "result-answered-by", "Ответил {employee_name}, а не {responsible}"));
    bad.put("de", Map.of("task-missed-call", "Rückruf"));
    bad.put("en", Map.of("callback-completed", "Done at {time} by {Employee_Name}"));
    List<TemplateProblem> problems = MessageCatalog.validate(bad);
    assertThat(problems).extracting(TemplateProblem::toString).containsExactly(
        "de: unknown language (known: ru, uk, en)",
        "en.callback-completed: unknown placeholder {Employee_Name} (known: client_phone,"
            + " employee_name, endpoint, tracking_phone, call_id, pool, direction, time)",
        "ru.no-such-text: unknown text key (known: contact-name, deal-name, unsorted-deal-name,"
            + " direction-inbound, direction-outbound, task-missed-call, task-unknown-endpoint,"
            + " task-invalid-phone, result-talked, result-answered-by,"
            + " result-answered-by-not-responsible, result-called-by,"
            + " result-called-by-not-responsible, result-transferred, result-unknown-endpoint,"
            + " result-missed-no-answer, result-missed-busy, result-missed-failed,"
            + " result-missed-voicemail, callback-completed, talk-duration)",
        "ru.result-answered-by: unknown placeholder {responsible} (known: client_phone,"
            + " employee_name, endpoint, tracking_phone, call_id, pool, direction)",
        "ru.result-talked: must not be blank",
        "ru.task-missed-call: unknown placeholder {client_phon} (known: client_phone,"
            + " employee_name, endpoint, tracking_phone, call_id, pool, direction)");
    assertThatThrownBy(() -> TEXTS.withOverrides(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid message templates: de: unknown language")
        .hasMessageContaining("ru.task-missed-call: unknown placeholder {client_phon}");
  }
}
