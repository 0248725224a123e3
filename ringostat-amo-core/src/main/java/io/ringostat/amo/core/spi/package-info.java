/**
 * The port the engine runs through: {@link io.ringostat.amo.core.spi.AmoCrm}, the fine-grained
 * amoCRM requests a plan is carried out with (implemented by {@code ringostat-amo-okhttp}, or in
 * memory by a host's tests), with {@link io.ringostat.amo.core.spi.CrmException} saying what went
 * wrong and {@link io.ringostat.amo.core.spi.Credentials} what a transport authenticates with.
 *
 * <pre>{@code
 * CrmView view = amo.lookup(phone, Set.of());
 * AmoCrm.ComplexIds ids = amo.createComplex(createContact, createDeal);
 * }</pre>
 */
@AmoStyle
package io.ringostat.amo.core.spi;

import io.ringostat.amo.core.AmoStyle;
