package io.github.upserts.processor.write;

import com.palantir.javapoet.CodeBlock;
import io.github.upserts.processor.model.ColumnModel;
import io.github.upserts.processor.model.EntityModel;

/**
 * Javadoc the DAO's methods share, and the escaping of text from the user's world (names,
 * SQL) that goes into it: a column named {@code a*}{@code /b} must not end the comment.
 */
final class Javadocs {
  private Javadocs() {}

  /** The columns, their policies and nullability, as a list in the class Javadoc. */
  static CodeBlock columns(EntityModel model) {
    CodeBlock.Builder list = CodeBlock.builder().add("\n<p>Columns:\n<ul>\n");
    for (ColumnModel c : model.columns()) {
      String role = c.key() ? "key" : c.policy().description();
      String nulls = c.key() ? "never null (checked before any SQL runs)"
          : c.type().isPrimitive() ? "never null (primitive; SQL NULL reads as zero/false)"
          : c.nullable() ? "may be null" : "";
      list.add("  <li>{@code $L} from {@code $L}: $L$L</li>\n", text(c.column()),
          c.property(), role, nulls.isEmpty() ? "" : "; " + nulls);
    }
    return list.add("</ul>\n").build();
  }

  static CodeBlock rowThrows() {
    return CodeBlock.of("@throws IllegalArgumentException when {@code row} or one of its"
        + " {@code @Key} values is null\n");
  }

  static CodeBlock keyThrows() {
    return CodeBlock.of("@throws IllegalArgumentException when a key value is null\n");
  }

  /** The SQL as a preformatted Javadoc block, escaped so it can never end the comment. */
  static CodeBlock sqlBlock(String sql) {
    return CodeBlock.of("<pre>\n$L\n</pre>\n", text(sql));
  }

  static String text(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("@", "&#64;").replace("*/", "*&#47;").replace("\\u", "&#92;u");
  }
}
