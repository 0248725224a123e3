package io.ringostat.amo.json;

import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.InvalidSettingsException;
import io.ringostat.amo.json.internal.SettingsLoader;
import io.ringostat.amo.json.internal.SettingsWriter;
import io.ringostat.amo.json.internal.Utf8;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads and writes {@link IntegrationSettings} as the JSON settings file documented in {@code
 * docs/settings.md} (R-IN-3).
 *
 * <p>Loading is strict and complete: unknown keys, wrong types, missing keys, values outside an
 * enum, bad durations and malformed JSON are all reported at once, each with its JSON path (such as
 * {@code employees[2].sipLogins[0]}) and a reason that says how to fix it. When the structure is
 * sound the settings are built and checked by the core's {@code SettingsValidator}; its errors and
 * warnings are reported the same way. Settings are never half-applied: either every check passes
 * or no value is returned.
 *
 * <p>All methods are static, side-effect free (except reading the given file) and thread-safe.
 *
 * <pre>{@code
 * IntegrationSettings settings = SettingsJson.load(Path.of("settings.json"));
 * SettingsReport report = SettingsJson.check(json);      // errors and warnings, never throws
 * String json = SettingsJson.write(settings);            // reads back equal
 * }</pre>
 */
public final class SettingsJson {
  /** The largest settings file accepted: 1 MiB. */
  public static final int MAX_FILE_BYTES = SettingsLoader.MAX_BYTES;

  private SettingsJson() {}

  /**
   * Loads the settings file {@code file} (UTF-8, at most {@link #MAX_FILE_BYTES}).
   *
   * @throws InvalidSettingsException when the file has errors; {@code problems()} lists all of
   *     them (and the warnings), each with the path to fix
   * @throws IOException when the file cannot be read (missing, no permission)
   */
  public static IntegrationSettings load(Path file) throws IOException {
    return check(file).orElseThrow();
  }

  /**
   * Parses settings from {@code json}.
   *
   * @throws InvalidSettingsException when the text has errors; {@code problems()} lists all of
   *     them (and the warnings), each with the path to fix
   */
  public static IntegrationSettings parse(String json) {
    return check(json).orElseThrow();
  }

  /**
   * Checks the settings file {@code file} and reports every problem, errors and warnings; never
   * throws for the file's content.
   *
   * @throws IOException when the file cannot be read (missing, no permission)
   */
  public static SettingsReport check(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      return report(SettingsLoader.refused("the file is " + size + " bytes; settings files are"
          + " at most " + MAX_FILE_BYTES + " bytes (1 MiB): is this the right file?"));
    }
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length > MAX_FILE_BYTES) {
      return report(SettingsLoader.refused("the file grew beyond 1 MiB while being read"));
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return report(SettingsLoader.refused("the file is not UTF-8 text: save it as UTF-8"));
    }
    return check(text);
  }

  /** Checks settings in {@code json} and reports every problem, errors and warnings; never throws. */
  public static SettingsReport check(String json) {
    Objects.requireNonNull(json, "json");
    String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
    long bytes = Utf8.length(text);
    if (bytes > MAX_FILE_BYTES) {
      return report(SettingsLoader.refused("the settings are " + bytes + " bytes (UTF-8);"
          + " settings are at most " + MAX_FILE_BYTES + " bytes (1 MiB)"));
    }
    return report(SettingsLoader.load(text));
  }

  /**
   * Writes {@code settings} as a settings file (pretty-printed, keys in documentation order,
   * durations in the short form, settings equal to their defaults left out). {@link
   * #parse(String)} of the result returns settings equal to {@code settings}.
   */
  public static String write(IntegrationSettings settings) {
    return SettingsWriter.write(Objects.requireNonNull(settings, "settings"));
  }

  private static SettingsReport report(SettingsLoader.Outcome outcome) {
    return new SettingsReport(outcome.settings(), outcome.problems());
  }
}
