package io.ringostat.amo.journal.postgres;

import java.util.regex.Pattern;

/**
 * The journal's table names, qualified with its schema. The schema name is checked to be a plain
 * lower-case identifier, so it can be spliced into SQL (identifiers cannot be bind parameters).
 */
final class Tables {
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  final String schema;
  final String accounts;
  final String entries;
  final String effects;
  final String knownEntities;
  final String talks;
  final String tasks;
  final String remembered;
  final String callRecords;

  Tables(String schema) {
    this.schema = requireIdentifier(schema);
    this.accounts = schema + ".accounts";
    this.entries = schema + ".entries";
    this.effects = schema + ".effects";
    this.knownEntities = schema + ".known_entities";
    this.talks = schema + ".talks";
    this.tasks = schema + ".tasks";
    this.remembered = schema + ".remembered";
    this.callRecords = schema + ".call_records";
  }

  static String requireIdentifier(String schema) {
    if (!IDENTIFIER.matcher(schema).matches()) {
      throw new IllegalArgumentException("schema: must be a lower-case SQL identifier"
          + " ([a-z_][a-z0-9_]*, at most 63 characters), got '" + schema + "'");
    }
    return schema;
  }
}
