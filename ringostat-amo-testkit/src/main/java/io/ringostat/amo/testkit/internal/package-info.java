/**
 * The emulator's implementation: request routing, endpoint handlers, state, credentials, limits and
 * faults. Not API: anything here may change without notice.
 */
package io.ringostat.amo.testkit.internal;
