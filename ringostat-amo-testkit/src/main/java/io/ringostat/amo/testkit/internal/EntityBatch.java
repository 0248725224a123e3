package io.ringostat.amo.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.LongFunction;

/**
 * The batch writes contacts and leads share: {@code POST} of new models and {@code PATCH} of models
 * that carry {@code id} (reference §5.2–5.3, §6.2–6.3). Every item is read first and any error
 * rejects the whole batch before anything is written; the answer lists each entity with its {@code
 * request_id}. Reading and writing one item is the caller's.
 *
 * @param <D> the draft one item is read into
 * @param <E> the entity
 */
final class EntityBatch<D, E extends CrmEntity> {
  /** Creates the entity of one draft. */
  interface Creator<D, E> {
    E create(D draft, long actor, long now);
  }

  /** Reads one patch item; {@code target} is null when the item names no existing entity. */
  interface PatchReader<D, E> {
    D read(JsonNode item, E target, Validation.Item v);
  }

  /** Applies one draft to its entity. */
  interface Patcher<D, E> {
    void patch(E target, D draft, long actor, long now);
  }

  private final Env env;
  private final EntityParser parser;
  private final String key;
  private final LongFunction<Optional<E>> find;

  /**
   * @param key the collection, e.g. {@code contacts}: in the path and under {@code _embedded}
   * @param find an entity by id
   */
  EntityBatch(Env env, EntityParser parser, String key, LongFunction<Optional<E>> find) {
    this.env = env;
    this.parser = parser;
    this.key = key;
    this.find = find;
  }

  /** {@code POST /api/v4/{key}}: up to 50 new models. */
  ApiResponse create(
      ApiRequest r,
      long actor,
      BiFunction<JsonNode, Validation.Item, D> read,
      Creator<D, E> creator) {
    List<JsonNode> items = EntityParser.batch(r.json(), 50);
    Validation v = new Validation();
    List<D> drafts = new ArrayList<>();
    List<String> requestIds = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String rid = EntityParser.requestId(items.get(i), i);
      requestIds.add(rid);
      drafts.add(read.apply(items.get(i), v.item(rid)));
    }
    v.throwIfAny();
    long now = env.now();
    ObjectNode o = Json.object();
    ArrayNode out = embedded(o);
    for (int i = 0; i < drafts.size(); i++) {
      E e = creator.create(drafts.get(i), actor, now);
      out.addObject()
          .put("id", e.id)
          .put("request_id", requestIds.get(i))
          .set("_links", env.selfLink(path() + "/" + e.id));
    }
    return ApiResponse.hal(o);
  }

  /**
   * {@code PATCH /api/v4/{key}}: up to 50 models, each with the {@code id} of an existing entity
   * (NotSupportedChoice on {@code id} otherwise).
   */
  ApiResponse patch(ApiRequest r, long actor, PatchReader<D, E> read, Patcher<D, E> patcher) {
    List<JsonNode> items = EntityParser.batch(r.json(), 50);
    Validation v = new Validation();
    List<E> targets = new ArrayList<>();
    List<D> drafts = new ArrayList<>();
    List<String> requestIds = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String rid = EntityParser.requestId(item, i);
      requestIds.add(rid);
      Validation.Item vi = v.item(rid);
      Long id = item.isObject() ? parser.integer(item, "id", vi, "") : null;
      E e = id == null ? null : find.apply(id).orElse(null);
      if (e == null) {
        vi.notSupportedChoice("id");
      }
      targets.add(e);
      drafts.add(read.read(item, e, vi));
    }
    v.throwIfAny();
    long now = env.now();
    ObjectNode o = Json.object();
    ArrayNode out = embedded(o);
    for (int i = 0; i < targets.size(); i++) {
      E e = targets.get(i);
      patcher.patch(e, drafts.get(i), actor, now);
      out.addObject()
          .put("id", e.id)
          .put("updated_at", e.updatedAt)
          .put("request_id", requestIds.get(i))
          .set("_links", env.selfLink(path() + "/" + e.id));
    }
    return ApiResponse.hal(o);
  }

  private String path() {
    return "/api/v4/" + key;
  }

  /** Sets the collection's self link on {@code o} and returns its {@code _embedded} array. */
  private ArrayNode embedded(ObjectNode o) {
    o.set("_links", env.selfLink(path()));
    return o.putObject("_embedded").putArray(key);
  }
}
