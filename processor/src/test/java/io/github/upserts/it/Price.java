package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import java.util.Objects;

/**
 * An immutable class: private final fields, getters and an all-args constructor whose
 * parameters come in another order than the fields (matched by name).
 */
@Upsertable(table = "prices")
public final class Price {
  @Key private final String sku;
  @Key private final String currency;
  private final double amount;
  @Increment private final double volume;

  public Price(String currency, String sku, double volume, double amount) {
    this.sku = sku;
    this.currency = currency;
    this.amount = amount;
    this.volume = volume;
  }

  public String getSku() {
    return sku;
  }

  public String getCurrency() {
    return currency;
  }

  public double getAmount() {
    return amount;
  }

  public double getVolume() {
    return volume;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Price p && p.sku.equals(sku) && p.currency.equals(currency)
        && p.amount == amount && p.volume == volume;
  }

  @Override
  public int hashCode() {
    return Objects.hash(sku, currency, amount, volume);
  }

  @Override
  public String toString() {
    return "Price[" + sku + ", " + currency + ", " + amount + ", " + volume + "]";
  }
}
