package io.ringostat.amo.webhooks;

import java.util.Locale;

/**
 * The short HTML pages the installing user sees after amoCRM's redirect, in Russian, Ukrainian or
 * English (the first of them in {@code Accept-Language}; English otherwise). No page ever shows a
 * code, token or secret.
 */
final class InstallPages {
  enum Page { INSTALLED, REFUSED, BAD_LINK, NOT_AMO, CODE_REFUSED, TRY_LATER, BROKEN_SETUP }

  private InstallPages() {}

  static String language(String acceptLanguage) {
    if (acceptLanguage == null) {
      return "en";
    }
    for (String part : acceptLanguage.toLowerCase(Locale.ROOT).split(",")) {
      String tag = part.strip();
      if (tag.startsWith("ru")) {
        return "ru";
      }
      if (tag.startsWith("uk")) {
        return "uk";
      }
      if (tag.startsWith("en")) {
        return "en";
      }
    }
    return "en";
  }

  static String html(Page page, String lang, String host) {
    String[] t = texts(page, lang, host == null ? "" : escape(host));
    return "<!doctype html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
        + "<title>" + t[0] + "</title></head><body><h1>" + t[0] + "</h1><p>" + t[1]
        + "</p></body></html>";
  }

  private static String[] texts(Page page, String lang, String host) {
    return switch (lang) {
      case "ru" -> switch (page) {
        case INSTALLED -> new String[] {"Интеграция установлена",
            "Аккаунт " + host + " подключён. Звонки начнут поступать в amoCRM, как только"
                + " администратор интеграции завершит её настройку."};
        case REFUSED -> new String[] {"Установка отменена",
            "Вы не разрешили доступ, поэтому ничего не установлено. Можно начать установку"
                + " заново в любой момент."};
        case BAD_LINK -> new String[] {"Ссылка недействительна",
            "Эта ссылка установки устарела или уже использована. Начните установку заново."};
        case NOT_AMO -> new String[] {"Неизвестный аккаунт",
            "Запрос пришёл не из аккаунта amoCRM или Kommo. Начните установку из своего"
                + " аккаунта."};
        case CODE_REFUSED -> new String[] {"Код доступа не принят",
            "amoCRM не принял код доступа (он действует 20 минут и только один раз). Начните"
                + " установку заново."};
        case TRY_LATER -> new String[] {"amoCRM не отвечает",
            "Не удалось связаться с amoCRM. Попробуйте установить интеграцию через минуту."};
        case BROKEN_SETUP -> new String[] {"Установка не удалась",
            "На стороне интеграции произошла ошибка; мы уже знаем о ней. Попробуйте позже."};
      };
      case "uk" -> switch (page) {
        case INSTALLED -> new String[] {"Інтеграцію встановлено",
            "Акаунт " + host + " підключено. Дзвінки почнуть надходити до amoCRM, щойно"
                + " адміністратор інтеграції завершить її налаштування."};
        case REFUSED -> new String[] {"Встановлення скасовано",
            "Ви не дозволили доступ, тож нічого не встановлено. Почати встановлення знову можна"
                + " будь-коли."};
        case BAD_LINK -> new String[] {"Посилання недійсне",
            "Це посилання для встановлення застаріло або вже використане. Почніть встановлення"
                + " знову."};
        case NOT_AMO -> new String[] {"Невідомий акаунт",
            "Запит надійшов не з акаунта amoCRM чи Kommo. Почніть встановлення зі свого"
                + " акаунта."};
        case CODE_REFUSED -> new String[] {"Код доступу не прийнято",
            "amoCRM не прийняв код доступу (він діє 20 хвилин і лише один раз). Почніть"
                + " встановлення знову."};
        case TRY_LATER -> new String[] {"amoCRM не відповідає",
            "Не вдалося зв'язатися з amoCRM. Спробуйте встановити інтеграцію за хвилину."};
        case BROKEN_SETUP -> new String[] {"Встановлення не вдалося",
            "На боці інтеграції сталася помилка; ми вже знаємо про неї. Спробуйте пізніше."};
      };
      default -> switch (page) {
        case INSTALLED -> new String[] {"Integration installed",
            "Account " + host + " is connected. Calls will reach amoCRM as soon as the"
                + " integration's administrator completes its settings."};
        case REFUSED -> new String[] {"Installation cancelled",
            "You did not allow access, so nothing was installed. You can start the installation"
                + " again at any time."};
        case BAD_LINK -> new String[] {"This link is not valid",
            "This installation link has expired or was used already. Please start the"
                + " installation again."};
        case NOT_AMO -> new String[] {"Unknown account",
            "The request did not come from an amoCRM or Kommo account. Please start the"
                + " installation from your account."};
        case CODE_REFUSED -> new String[] {"Access code not accepted",
            "amoCRM did not accept the access code (it is valid for 20 minutes, once). Please"
                + " start the installation again."};
        case TRY_LATER -> new String[] {"amoCRM is not answering",
            "amoCRM could not be reached. Please try to install the integration again in a"
                + " minute."};
        case BROKEN_SETUP -> new String[] {"Installation failed",
            "Something went wrong on the integration's side; we have been told. Please try"
                + " again later."};
      };
    };
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
