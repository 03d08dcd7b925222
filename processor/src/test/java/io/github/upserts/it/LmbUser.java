package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import lombok.Data;

/**
 * A Lombok {@code @Data} entity: the DAO reads through Lombok's getters ({@code isAdmin()} for
 * boolean {@code isAdmin}, {@code getVerified()} for {@code Boolean}) and creates rows through its
 * no-argument constructor and setters ({@code setAdmin}).
 */
@Upsertable(table = "lmb_users")
@Data
public class LmbUser {
  @Key private String id;
  private String name;
  private boolean isAdmin;
  private Boolean verified;
}
