package io.github.upserts.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL expression with placeholders for the stored and the incoming row, as {@code @MergeWith}
 * and {@code @Upsertable(updateWhen)} give it: {@code "{stored} || ',' || {incoming}"},
 * {@code "{stored.status} <> 'locked'"}. Parsed once, by the processor (which reports what is
 * malformed on the annotation) and by the runtime (which renders it for each database).
 *
 * <p>Placeholders: {@code {stored}} and {@code {incoming}} (the column the expression belongs
 * to; none for a table's condition), {@code {stored.field}} and {@code {incoming.field}} (another
 * column, by its Java field name). Text in single quotes, double quotes or backticks is passed on
 * as it is and never read for placeholders; a quote inside it is doubled ({@code 'it''s'}), never
 * escaped with a backslash (which only some databases read so). Refused: any other text in braces, an unclosed quote,
 * brace or parenthesis, a comment ({@code --}, {@code /*}), a {@code ;}, and a blank expression.
 */
public final class Template {
  private static final Pattern PLACEHOLDER = Pattern.compile("(stored|incoming)(?:\\.([A-Za-z_$][A-Za-z0-9_$]*))?");

  /** A placeholder: the stored or the incoming value of a field (null: the expression's own column). */
  public record Ref(boolean stored, String field) {
    /** The placeholder as written, e.g. {@code {stored.status}}. */
    @Override
    public String toString() {
      return "{" + (stored ? "stored" : "incoming") + (field == null ? "" : "." + field) + "}";
    }
  }

  /** A part of the template: SQL text as written ({@code text}), or a placeholder ({@code ref}). */
  public record Part(String text, Ref ref) {}

  /** Why a template is malformed, and where (a character offset into it, from 0). */
  public static final class Malformed extends IllegalArgumentException {
    private final int offset;

    Malformed(String template, int offset, String problem) {
      super(offset >= 0 ? problem + " at character " + (offset + 1) + " of \"" + template + "\"" : problem);
      this.offset = offset;
    }

    /** The offset of the problem in the template, from 0; -1 for the template as a whole. */
    public int offset() {
      return offset;
    }
  }

  private final String text;
  private final List<Part> parts;

  private Template(String text, List<Part> parts) {
    this.text = text;
    this.parts = List.copyOf(parts);
  }

  /**
   * Parses {@code text}.
   *
   * @throws Malformed saying what is wrong and where: an unknown placeholder, an unclosed quote,
   *     brace or parenthesis, a stray {@code }} or {@code )}, a comment, a {@code ;}, or a blank text
   */
  public static Template parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new Malformed(text, -1, "The expression is blank: write the SQL expression, e.g. {stored} + {incoming}");
    }
    List<Part> parts = new ArrayList<>();
    StringBuilder sql = new StringBuilder();
    int depth = 0;
    int opened = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int end = closing(text, i, c);
        if (end < 0) {
          throw new Malformed(text, i, "Unclosed quote " + c);
        }
        sql.append(text, i, end + 1);
        i = end;
      } else if (c == '{') {
        int end = text.indexOf('}', i);
        if (end < 0) {
          throw new Malformed(text, i, "Unclosed brace: a placeholder is written {stored}, {incoming}, {stored.field} or {incoming.field}");
        }
        String name = text.substring(i + 1, end);
        Matcher matcher = PLACEHOLDER.matcher(name);
        if (!matcher.matches()) {
          throw new Malformed(text, i, "Unknown placeholder {" + name + "}: use {stored}, {incoming}, {stored.field}"
              + " or {incoming.field}, field being a Java field name of the entity");
        }
        if (sql.length() > 0) {
          parts.add(new Part(sql.toString(), null));
          sql.setLength(0);
        }
        parts.add(new Part(null, new Ref(matcher.group(1).equals("stored"), matcher.group(2))));
        i = end;
      } else if (c == '}') {
        throw new Malformed(text, i, "A '}' without its '{'");
      } else if (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-'
          || c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
        throw new Malformed(text, i, "A comment: the expression is rendered inside a statement, which a comment would cut");
      } else if (c == ';') {
        throw new Malformed(text, i, "A ';': the expression is one SQL expression, not a statement");
      } else {
        if (c == '(') {
          if (depth++ == 0) {
            opened = i;
          }
        } else if (c == ')' && --depth < 0) {
          throw new Malformed(text, i, "A ')' without its '('");
        }
        sql.append(c);
      }
    }
    if (depth > 0) {
      throw new Malformed(text, opened, "Unclosed parenthesis");
    }
    if (sql.length() > 0) {
      parts.add(new Part(sql.toString(), null));
    }
    return new Template(text, parts);
  }

  /** The offset of the quote that closes the one at {@code start} (a doubled quote is part of the text), or -1. */
  private static int closing(String text, int start, char quote) {
    for (int i = start + 1; i < text.length(); i++) {
      if (text.charAt(i) == quote) {
        if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  /** The template as written. */
  public String text() {
    return text;
  }

  /** Its parts, in order. */
  public List<Part> parts() {
    return parts;
  }

  /** Its placeholders, in order. */
  public List<Ref> refs() {
    return parts.stream().filter(p -> p.ref() != null).map(Part::ref).toList();
  }

  /** The SQL, each placeholder replaced by what {@code render} gives it. */
  public String render(java.util.function.Function<Ref, String> render) {
    StringBuilder sql = new StringBuilder("(");
    for (Part part : parts) {
      sql.append(part.text() != null ? part.text() : render.apply(part.ref()));
    }
    return sql.append(')').toString();
  }

  @Override
  public String toString() {
    return text;
  }
}
