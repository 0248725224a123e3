/**
 * Implementation of the JSON codecs: tree walking with paths, problem collection, durations and
 * writers. Not part of the API; may change in any release.
 */
package io.ringostat.amo.json.internal;
