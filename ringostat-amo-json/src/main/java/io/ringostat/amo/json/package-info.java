/**
 * JSON codecs for the SDK: settings files ({@link io.ringostat.amo.json.SettingsJson}, R-IN-3,
 * documented in {@code docs/settings.md}) and call events as JSON lines ({@link
 * io.ringostat.amo.json.CallEventJson}, R-IN-1, documented in {@code docs/events.md}). Keeps
 * Jackson out of the core; both codecs report every problem of their input at once, each with its
 * JSON path.
 *
 * <pre>{@code
 * IntegrationSettings settings = SettingsJson.load(Path.of("settings.json"));
 * CallEvent event = CallEventJson.read("{\"call_id\":\"c1\",\"phase\":\"RINGING\",...}");
 * String line = CallEventJson.write(event);
 * }</pre>
 */
package io.ringostat.amo.json;
