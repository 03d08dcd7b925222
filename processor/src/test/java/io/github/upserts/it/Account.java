package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import java.math.BigDecimal;
import java.util.UUID;

/** A class with public fields and the implicit no-argument constructor. */
@Upsertable(table = "accounts")
public class Account {
  /** Account states, stored by name. */
  public enum Status {
    OPEN,
    FROZEN
  }

  @Key public UUID id;
  public String email;
  @Increment public BigDecimal balance;
  public Status status;

  static Account of(UUID id, String email, String balance, Status status) {
    Account account = new Account();
    account.id = id;
    account.email = email;
    account.balance = balance == null ? null : new BigDecimal(balance);
    account.status = status;
    return account;
  }
}
