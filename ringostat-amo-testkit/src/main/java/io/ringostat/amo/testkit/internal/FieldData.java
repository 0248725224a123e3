package io.ringostat.amo.testkit.internal;

import io.ringostat.amo.testkit.internal.Account.FieldDef;
import java.util.List;

/** The values one entity holds in one custom field; an empty list clears the field. */
record FieldData(FieldDef def, List<FieldData.Item> items) {
  FieldData {
    items = List.copyOf(items);
  }

  /** One value; {@code enumId}/{@code enumCode} are set for enum fields (e.g. PHONE's WORK). */
  record Item(String value, Long enumId, String enumCode) {}
}
