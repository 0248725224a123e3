/**
 * The texts amoCRM users read (R-LANG): a catalogue of message templates in Russian, Ukrainian
 * and English, plural rules, and the pure choice of a language.
 *
 * <p>Everything here is immutable, pure and thread-safe: no clock, no I/O, no logging.
 *
 * <pre>{@code
 * Language lang = LanguageChoice.choose(Optional.empty(), Optional.of("ru"), Optional.of("UA"));
 * MessageCatalog texts = MessageCatalog.defaults();
 * String task = texts.render(lang, MessageKey.TASK_MISSED_CALL, Map.of("client_phone", "+380441234567"));
 * }</pre>
 */
@AmoStyle
package io.ringostat.amo.core.text;

import io.ringostat.amo.core.AmoStyle;
