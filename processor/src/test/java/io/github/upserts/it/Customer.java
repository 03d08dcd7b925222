package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** A JavaBean: private fields, getters (with an {@code is} getter) and setters; a primitive key. */
@Upsertable
public class Customer {
  @Key private long customerId;
  private String name;
  @Increment private Integer visits;
  private boolean active;

  public long getCustomerId() {
    return customerId;
  }

  public void setCustomerId(long customerId) {
    this.customerId = customerId;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Integer getVisits() {
    return visits;
  }

  public void setVisits(Integer visits) {
    this.visits = visits;
  }

  public boolean isActive() {
    return active;
  }

  public void setActive(boolean active) {
    this.active = active;
  }

  static Customer of(long id, String name, Integer visits, boolean active) {
    Customer customer = new Customer();
    customer.setCustomerId(id);
    customer.setName(name);
    customer.setVisits(visits);
    customer.setActive(active);
    return customer;
  }
}
