package io.ringostat.amo.testkit.internal;

/** A tag of an entity type; ids are assigned on first use of a name. */
record Tag(long id, String name) {}
