/**
 * The decision table (R-MATRIX): one {@link io.ringostat.amo.core.matrix.MatrixCell} per {@link
 * io.ringostat.amo.core.matrix.Scenario}, collected in a {@link
 * io.ringostat.amo.core.matrix.DecisionMatrix}. Matrices are immutable values; {@link
 * io.ringostat.amo.core.matrix.MatrixPresets} holds the three presets, to use or copy with {@code
 * withX} variants.
 *
 * <pre>{@code
 * DecisionMatrix mine = MatrixPresets.RECOMMENDED.withCell(Scenario.INBOUND_MISSED_NEW,
 *     MatrixCell.NOTHING).withName("quiet-missed");
 * IntegrationSettings settings = IntegrationSettings.builder().from(base).matrix(mine).build();
 * }</pre>
 */
@AmoStyle
package io.ringostat.amo.core.matrix;

import io.ringostat.amo.core.AmoStyle;
