package io.ringostat.amo.testkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What contacts, leads and companies share: ids, authorship, custom fields and tags. Guarded by the
 * store's lock.
 */
abstract class CrmEntity {
  final long id;
  String name = "";
  long responsibleUserId;
  long createdBy;
  long updatedBy;
  long createdAt;
  long updatedAt;
  boolean deleted;

  /**
   * Set while the entity belongs to a pending unsorted request: hidden from lists (reference §7.1).
   */
  boolean unsorted;

  final List<FieldData> fields = new ArrayList<>();
  final List<Tag> tags = new ArrayList<>();

  CrmEntity(long id) {
    this.id = id;
  }

  /** Replaces the values of each field in {@code patch}; an empty value list removes the field. */
  void mergeFields(List<FieldData> patch) {
    for (FieldData p : patch) {
      int at = -1;
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).def().id() == p.def().id()) {
          at = i;
        }
      }
      if (p.items().isEmpty()) {
        if (at >= 0) {
          fields.remove(at);
        }
      } else if (at >= 0) {
        fields.set(at, p);
      } else {
        fields.add(p);
      }
    }
  }

  void addTags(List<Tag> add) {
    for (Tag t : add) {
      if (tags.stream().noneMatch(x -> x.id() == t.id())) {
        tags.add(t);
      }
    }
  }

  void removeTags(List<Tag> remove) {
    tags.removeIf(t -> remove.stream().anyMatch(r -> r.id() == t.id()));
  }

  Optional<FieldData> field(String code) {
    return fields.stream().filter(f -> code.equals(f.def().code())).findFirst();
  }

  /** The values of the PHONE field, in order. */
  List<String> phones() {
    return field("PHONE")
        .map(f -> f.items().stream().map(FieldData.Item::value).toList())
        .orElse(List.of());
  }
}
