package io.ringostat.amo.core.text;

import static io.ringostat.amo.core.text.MessageKey.CALLBACK_COMPLETED;
import static io.ringostat.amo.core.text.MessageKey.CONTACT_NAME;
import static io.ringostat.amo.core.text.MessageKey.DEAL_NAME;
import static io.ringostat.amo.core.text.MessageKey.DIRECTION_INBOUND;
import static io.ringostat.amo.core.text.MessageKey.DIRECTION_OUTBOUND;
import static io.ringostat.amo.core.text.MessageKey.RESULT_ANSWERED_BY;
import static io.ringostat.amo.core.text.MessageKey.RESULT_ANSWERED_BY_NOT_RESPONSIBLE;
import static io.ringostat.amo.core.text.MessageKey.RESULT_CALLED_BY;
import static io.ringostat.amo.core.text.MessageKey.RESULT_CALLED_BY_NOT_RESPONSIBLE;
import static io.ringostat.amo.core.text.MessageKey.RESULT_MISSED_BUSY;
import static io.ringostat.amo.core.text.MessageKey.RESULT_MISSED_FAILED;
import static io.ringostat.amo.core.text.MessageKey.RESULT_MISSED_NO_ANSWER;
import static io.ringostat.amo.core.text.MessageKey.RESULT_MISSED_VOICEMAIL;
import static io.ringostat.amo.core.text.MessageKey.RESULT_TALKED;
import static io.ringostat.amo.core.text.MessageKey.RESULT_TRANSFERRED;
import static io.ringostat.amo.core.text.MessageKey.RESULT_UNKNOWN_ENDPOINT;
import static io.ringostat.amo.core.text.MessageKey.TALK_DURATION;
import static io.ringostat.amo.core.text.MessageKey.TASK_INVALID_PHONE;
import static io.ringostat.amo.core.text.MessageKey.TASK_MISSED_CALL;
import static io.ringostat.amo.core.text.MessageKey.TASK_UNKNOWN_ENDPOINT;
import static io.ringostat.amo.core.text.MessageKey.UNSORTED_DEAL_NAME;

import java.util.EnumMap;
import java.util.Map;

/**
 * The built-in texts. Written to read naturally in each language rather than word for word:
 * Russian and Ukrainian name the employee after a masculine noun ("сотрудник", "працівник") so
 * the verb agrees whatever the employee's gender, and use the nominative after a colon so counted
 * nouns keep their dictionary plural forms. The Russian task for an unknown endpoint starts with
 * the sentence Ringostat's own documentation tells users to look for ("был звонок менеджеру с
 * неизвестным номером").
 */
final class DefaultMessages {
  private DefaultMessages() {}

  static Map<Language, Map<MessageKey, String>> all() {
    Map<Language, Map<MessageKey, String>> out = new EnumMap<>(Language.class);
    out.put(Language.RU, russian());
    out.put(Language.UK, ukrainian());
    out.put(Language.EN, english());
    return out;
  }

  private static Map<MessageKey, String> russian() {
    Map<MessageKey, String> m = new EnumMap<>(MessageKey.class);
    m.put(CONTACT_NAME, "{client_phone}");
    m.put(DEAL_NAME, "{direction} звонок {client_phone}");
    m.put(UNSORTED_DEAL_NAME, "Заявка по звонку с {client_phone}");
    m.put(DIRECTION_INBOUND, "Входящий");
    m.put(DIRECTION_OUTBOUND, "Исходящий");
    m.put(TASK_MISSED_CALL, "Пропущенный звонок с номера {client_phone}: перезвоните клиенту");
    m.put(TASK_UNKNOWN_ENDPOINT, "Был звонок менеджеру с неизвестным номером {endpoint}"
        + " (клиент {client_phone}): привяжите этот номер или SIP-аккаунт к сотруднику"
        + " в настройках интеграции");
    m.put(TASK_INVALID_PHONE, "Пропущенный звонок с нераспознанного номера «{client_phone}»"
        + " (звонили на {tracking_phone}): проверьте журнал звонков");
    m.put(RESULT_TALKED, "Состоялся разговор");
    m.put(RESULT_ANSWERED_BY, "Звонок принял сотрудник {employee_name}");
    m.put(RESULT_ANSWERED_BY_NOT_RESPONSIBLE,
        "Звонок принял сотрудник {employee_name}, а не ответственный менеджер {responsible}");
    m.put(RESULT_CALLED_BY, "Звонил сотрудник {employee_name}");
    m.put(RESULT_CALLED_BY_NOT_RESPONSIBLE,
        "Звонил сотрудник {employee_name}, а не ответственный менеджер {responsible}");
    m.put(RESULT_TRANSFERRED, "Звонок переводили, с клиентом говорили: {talked}");
    m.put(RESULT_UNKNOWN_ENDPOINT, "Звонок принят на номер или SIP-аккаунт {endpoint},"
        + " который не привязан ни к одному сотруднику");
    m.put(RESULT_MISSED_NO_ANSWER, "Пропущенный звонок: без ответа");
    m.put(RESULT_MISSED_BUSY, "Пропущенный звонок: занято");
    m.put(RESULT_MISSED_FAILED, "Пропущенный звонок: ошибка соединения");
    m.put(RESULT_MISSED_VOICEMAIL, "Пропущенный звонок: голосовая почта");
    m.put(CALLBACK_COMPLETED, "Выполнено: клиенту перезвонили, звонок от {time}");
    m.put(TALK_DURATION, "Длительность разговора: {duration}");
    return m;
  }

  private static Map<MessageKey, String> ukrainian() {
    Map<MessageKey, String> m = new EnumMap<>(MessageKey.class);
    m.put(CONTACT_NAME, "{client_phone}");
    m.put(DEAL_NAME, "{direction} дзвінок {client_phone}");
    m.put(UNSORTED_DEAL_NAME, "Заявка з дзвінка {client_phone}");
    m.put(DIRECTION_INBOUND, "Вхідний");
    m.put(DIRECTION_OUTBOUND, "Вихідний");
    m.put(TASK_MISSED_CALL, "Пропущений дзвінок з номера {client_phone}: передзвоніть клієнту");
    m.put(TASK_UNKNOWN_ENDPOINT, "Був дзвінок менеджеру з невідомим номером {endpoint}"
        + " (клієнт {client_phone}): прив’яжіть цей номер або SIP-акаунт до працівника"
        + " в налаштуваннях інтеграції");
    m.put(TASK_INVALID_PHONE, "Пропущений дзвінок з нерозпізнаного номера «{client_phone}»"
        + " (дзвонили на {tracking_phone}): перевірте журнал дзвінків");
    m.put(RESULT_TALKED, "Відбулася розмова");
    m.put(RESULT_ANSWERED_BY, "Дзвінок прийняв працівник {employee_name}");
    m.put(RESULT_ANSWERED_BY_NOT_RESPONSIBLE,
        "Дзвінок прийняв працівник {employee_name}, а не відповідальний менеджер {responsible}");
    m.put(RESULT_CALLED_BY, "Дзвонив працівник {employee_name}");
    m.put(RESULT_CALLED_BY_NOT_RESPONSIBLE,
        "Дзвонив працівник {employee_name}, а не відповідальний менеджер {responsible}");
    m.put(RESULT_TRANSFERRED, "Дзвінок переводили, з клієнтом говорили: {talked}");
    m.put(RESULT_UNKNOWN_ENDPOINT, "Дзвінок прийнято на номер або SIP-акаунт {endpoint},"
        + " який не прив’язаний до жодного працівника");
    m.put(RESULT_MISSED_NO_ANSWER, "Пропущений дзвінок: без відповіді");
    m.put(RESULT_MISSED_BUSY, "Пропущений дзвінок: зайнято");
    m.put(RESULT_MISSED_FAILED, "Пропущений дзвінок: помилка з’єднання");
    m.put(RESULT_MISSED_VOICEMAIL, "Пропущений дзвінок: голосова пошта");
    m.put(CALLBACK_COMPLETED, "Виконано: клієнту передзвонили, дзвінок від {time}");
    m.put(TALK_DURATION, "Тривалість розмови: {duration}");
    return m;
  }

  private static Map<MessageKey, String> english() {
    Map<MessageKey, String> m = new EnumMap<>(MessageKey.class);
    m.put(CONTACT_NAME, "{client_phone}");
    m.put(DEAL_NAME, "{direction} call {client_phone}");
    m.put(UNSORTED_DEAL_NAME, "Call request from {client_phone}");
    m.put(DIRECTION_INBOUND, "Inbound");
    m.put(DIRECTION_OUTBOUND, "Outbound");
    m.put(TASK_MISSED_CALL, "Missed call from {client_phone}: call the client back");
    m.put(TASK_UNKNOWN_ENDPOINT, "A call from {client_phone} was answered on an unknown number"
        + " or SIP account '{endpoint}': link it to an employee in the integration settings");
    m.put(TASK_INVALID_PHONE, "Missed call from a number that could not be recognized"
        + " ('{client_phone}', dialled {tracking_phone}): check the call log");
    m.put(RESULT_TALKED, "Talked to the client");
    m.put(RESULT_ANSWERED_BY, "Answered by {employee_name}");
    m.put(RESULT_ANSWERED_BY_NOT_RESPONSIBLE,
        "Answered by {employee_name}, not by the responsible manager ({responsible})");
    m.put(RESULT_CALLED_BY, "Called by {employee_name}");
    m.put(RESULT_CALLED_BY_NOT_RESPONSIBLE,
        "Called by {employee_name}, not by the responsible manager ({responsible})");
    m.put(RESULT_TRANSFERRED, "Transferred call; the client talked with {talked}");
    m.put(RESULT_UNKNOWN_ENDPOINT,
        "Answered on {endpoint}, a number or SIP account not linked to any employee");
    m.put(RESULT_MISSED_NO_ANSWER, "Missed call: no answer");
    m.put(RESULT_MISSED_BUSY, "Missed call: busy");
    m.put(RESULT_MISSED_FAILED, "Missed call: connection failed");
    m.put(RESULT_MISSED_VOICEMAIL, "Missed call: voicemail");
    m.put(CALLBACK_COMPLETED, "Done: the client was called back ({time})");
    m.put(TALK_DURATION, "Talked for {duration}");
    return m;
  }
}
