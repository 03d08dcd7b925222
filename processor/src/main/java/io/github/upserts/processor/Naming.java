package io.github.upserts.processor;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Java-to-SQL name conversions. Character-level case mapping only, so results never depend on
 * the compiler's default locale (String.toLowerCase() turns "I" into a dotless "ı" in Turkish).
 */
public final class Naming {
  private Naming() {}

  /** The processor option that picks how field and class names become column and table names. */
  public static final String OPTION = "upserts.naming";

  /** How Java names become SQL names when no explicit name is given. */
  public enum Strategy {
    /** {@code lastSeen} → {@code last_seen}, {@code PageView} → {@code page_view} (the default). */
    SNAKE_CASE("snake_case"),
    /** The Java name as it is. */
    EXACT("exact");

    final String optionValue;

    Strategy(String optionValue) {
      this.optionValue = optionValue;
    }

    public String apply(String javaName) {
      return this == EXACT ? javaName : snakeCase(javaName);
    }

    /** The strategy an option value names, or null when it names none. */
    public static Strategy fromOption(String value) {
      if (value == null) {
        return SNAKE_CASE;
      }
      for (Strategy strategy : values()) {
        if (strategy.optionValue.equals(value.trim())) {
          return strategy;
        }
      }
      return null;
    }
  }

  /**
   * {@code PageView} → {@code page_view}, {@code lastSeen} → {@code last_seen},
   * {@code HTTPServer} → {@code http_server}, {@code userID} → {@code user_id},
   * {@code v2Count} → {@code v2_count}.
   */
  static String snakeCase(String name) {
    StringBuilder out = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0 && name.charAt(i - 1) != '_') {
          char previous = name.charAt(i - 1);
          boolean nextIsLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
          if (Character.isLowerCase(previous) || Character.isDigit(previous)
              || (Character.isUpperCase(previous) && nextIsLower)) {
            out.append('_');
          }
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The name of a constant for {@code property}: its snake_case form in upper case,
   * {@code lastSeen} → {@code LAST_SEEN}, {@code userID} → {@code USER_ID} (character-level case
   * mapping, as {@link #snakeCase}).
   */
  public static String constantName(String property) {
    String snake = snakeCase(property);
    StringBuilder out = new StringBuilder(snake.length());
    for (int i = 0; i < snake.length(); i++) {
      out.append(Character.toUpperCase(snake.charAt(i)));
    }
    return out.toString();
  }

  /** {@code views} → {@code Views}. */
  public static String capitalize(String name) {
    return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** The generated method that increments {@code property}: {@code views} → {@code incrementViews}. */
  public static String incrementMethod(String property) {
    return "increment" + capitalize(property);
  }

  /** Whether {@code name} can be a JDBI named parameter as it is. */
  private static boolean isPlainIdentifier(String name) {
    return name.matches("[A-Za-z_][A-Za-z0-9_]*");
  }

  /**
   * The bind parameter name of each property, all distinct by construction: a property named
   * by a plain ASCII identifier keeps its name; any other gets its name in ASCII letters, digits
   * and underscores ({@code ünï} → {@code uni}), with {@code _2}, {@code _3}... appended while
   * that is taken. The plain names are reserved first, so no derived name can take one.
   */
  public static List<String> parameters(List<String> properties) {
    Set<String> taken = new HashSet<>();
    String[] parameters = new String[properties.size()];
    for (int i = 0; i < parameters.length; i++) {
      String property = properties.get(i);
      if (isPlainIdentifier(property) && taken.add(property)) {
        parameters[i] = property;
      }
    }
    for (int i = 0; i < parameters.length; i++) {
      if (parameters[i] == null) {
        String base = ascii(properties.get(i));
        String name = base;
        for (int n = 2; !taken.add(name); n++) {
          name = base + "_" + n;
        }
        parameters[i] = name;
      }
    }
    return List.of(parameters);
  }

  /** The letters, digits and underscores of {@code name} in ASCII, accents dropped; a plain identifier. */
  private static String ascii(String name) {
    String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("[^A-Za-z0-9_]", "");
    return plain.isEmpty() || Character.isDigit(plain.charAt(0)) ? "p" + plain : plain;
  }

  /** The longest name in UTF-8 bytes: PostgreSQL silently cuts longer ones (MariaDB allows 64 characters). */
  static final int MAX_IDENTIFIER_BYTES = 63;
  /**
   * What JDBI (escapes, quotes, {@code :name} and {@code ?} parameters, comments, {@code <name>}
   * template attributes) or MySQL Connector/J ({@code {fn ...}} escapes) would read as SQL inside
   * the backticks MariaDB and MySQL quote names with, where nothing escapes them; inside the
   * double quotes of the other databases only a trailing {@code "} is, which is refused with it.
   */
  private static final List<String> SQL_SYNTAX =
      List.of("\\", "'", "\"", ":", "?", "{", "}", "<", ">", "--", "/*", "*/");

  /**
   * The parts of {@code name} where it reads as a qualified name ({@code schema.table},
   * {@code catalog.schema.table}, ...): two or more parts separated by dots, each a word of
   * letters, digits, {@code _} and {@code $} or a name in double quotes or backticks (returned
   * without them), with any spaces around; empty for any other name, which is one identifier on
   * purpose (e.g. {@code "visits (v1.2)"}).
   */
  public static java.util.Optional<List<String>> qualifiedParts(String name) {
    List<String> parts = new java.util.ArrayList<>();
    int i = 0;
    int n = name.length();
    while (true) {
      i = skipSpaces(name, i);
      if (i >= n) {
        return java.util.Optional.empty();
      }
      char c = name.charAt(i);
      if (c == '"' || c == '`') {
        int end = name.indexOf(c, i + 1);
        if (end <= i + 1) {
          return java.util.Optional.empty();
        }
        parts.add(name.substring(i + 1, end));
        i = end + 1;
      } else {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(name.codePointAt(i)) || name.charAt(i) == '_' || name.charAt(i) == '$')) {
          i += Character.charCount(name.codePointAt(i));
        }
        if (i == start) {
          return java.util.Optional.empty();
        }
        parts.add(name.substring(start, i));
      }
      i = skipSpaces(name, i);
      if (i >= n) {
        return parts.size() >= 2 ? java.util.Optional.of(List.copyOf(parts)) : java.util.Optional.empty();
      }
      if (name.charAt(i) != '.') {
        return java.util.Optional.empty();
      }
      i++;
    }
  }

  private static int skipSpaces(String name, int from) {
    int i = from;
    while (i < name.length() && Character.isWhitespace(name.charAt(i))) {
      i++;
    }
    return i;
  }

  /**
   * Why a table, schema or column name would not reach every supported database as written,
   * quoted in the statements JDBI runs; null when it would. (Found by running upserts with such
   * names on each database; see ProcIdentifiersTest.)
   */
  public static String identifierProblem(String name) {
    if (name.isBlank()) {
      return "it is blank";
    }
    for (int i = 0; i < name.length(); i++) {
      int c = name.codePointAt(i);
      if (Character.isISOControl(c)) {
        return String.format("it contains the control character U+%04X", c);
      }
      if (Character.charCount(c) > 1 || Character.isSurrogate((char) c)) {
        return String.format("it contains U+%04X, outside the Basic Multilingual Plane, which"
            + " MariaDB and MySQL names cannot hold", c);
      }
    }
    for (String syntax : SQL_SYNTAX) {
      if (name.contains(syntax)) {
        return "it contains " + syntax + ", which JDBI or the JDBC driver would read as SQL (an"
            + " escape, quote, parameter, comment or template) inside MariaDB's and MySQL's"
            + " backtick quotes";
      }
    }
    if (name.endsWith(" ")) {
      return "it ends with a space, which MariaDB and MySQL refuse in a name";
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_IDENTIFIER_BYTES) {
      return "it is " + bytes + " bytes long in UTF-8, and PostgreSQL cuts names after "
          + MAX_IDENTIFIER_BYTES;
    }
    return null;
  }
}
