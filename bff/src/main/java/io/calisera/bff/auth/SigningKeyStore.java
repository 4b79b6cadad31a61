package io.calisera.bff.auth;

import java.util.List;
import java.util.function.Function;

/** Where generated signing keys are kept, shared by every bff instance. */
public interface SigningKeyStore {

  /** Every stored key, oldest {@code activeFrom} first. */
  List<StoredSigningKey> all();

  /**
   * Runs {@code change} on the stored keys while no other instance can, and applies what it
   * decides: keys to add and kids to delete.
   */
  void change(Function<List<StoredSigningKey>, Change> change);

  record Change(List<StoredSigningKey> add, List<String> delete) {
    public static final Change NONE = new Change(List.of(), List.of());

    public boolean isEmpty() {
      return add.isEmpty() && delete.isEmpty();
    }
  }
}
