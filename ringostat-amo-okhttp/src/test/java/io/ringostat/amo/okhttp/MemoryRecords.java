package io.ringostat.amo.okhttp;

import io.ringostat.amo.core.spi.SealedRecords;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** {@link SealedRecords} in memory, for tests. */
final class MemoryRecords implements SealedRecords {
  final ConcurrentSkipListMap<String, byte[]> map = new ConcurrentSkipListMap<>();

  @Override
  public Optional<byte[]> read(String name) {
    return Optional.ofNullable(map.get(name)).map(byte[]::clone);
  }

  @Override
  public void write(String name, byte[] sealed) {
    map.put(name, sealed.clone());
  }

  @Override
  public boolean delete(String name) {
    return map.remove(name) != null;
  }

  @Override
  public List<String> names() {
    return List.copyOf(map.keySet());
  }
}
