/**
 * How the matrix decision is carried out; not API, not exported by the module. Nothing here
 * depends on the root package, so the root may use it without a package cycle.
 */
package io.ringostat.amo.core.internal;
