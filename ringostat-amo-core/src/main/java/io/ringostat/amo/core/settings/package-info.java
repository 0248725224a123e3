/**
 * What the integration is configured with: {@link
 * io.ringostat.amo.core.settings.IntegrationSettings} and its parts. Settings are immutable and
 * thread-safe; {@code build()} validates with {@link
 * io.ringostat.amo.core.settings.SettingsValidator} and throws {@link
 * io.ringostat.amo.core.settings.InvalidSettingsException} listing every problem.
 *
 * <pre>{@code
 * IntegrationSettings settings = IntegrationSettings.builder().account(account)
 *     .addEmployee(olena).seniorManagerUserId(504141).matrix(MatrixPresets.RECOMMENDED).build();
 * }</pre>
 */
@AmoStyle
package io.ringostat.amo.core.settings;

import io.ringostat.amo.core.AmoStyle;
