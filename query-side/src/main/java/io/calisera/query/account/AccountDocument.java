package io.calisera.query.account;

import io.calisera.api.account.AccountView;
import io.calisera.api.common.Role;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** One account; {@code position} is the global position of the last event applied to it. */
@Document(AccountDocument.COLLECTION)
record AccountDocument(
    @Id String accountId, String email, String name, Set<Role> roles, long position) {

  static final String COLLECTION = "accounts";

  AccountDocument {
    roles = roles == null ? Set.of() : new TreeSet<>(roles);
  }

  AccountView view() {
    return new AccountView(accountId, email, name, Set.copyOf(roles));
  }
}
