package dev.cellflow.internal.serialize;

/**
 * Tablesaw tables, losslessly: the table's name, and each column's name, type and values,
 * missing values included, numbers as raw arrays. See {@link TablesawCodec}.
 */
public final class TablesawSerializer extends LibrarySerializer {
  @Override
  public String id() {
    return "tablesaw";
  }

  @Override
  public int priority() {
    return 100;
  }

  @Override
  boolean takes(String className) {
    return className.equals("tech.tablesaw.api.Table");
  }

  @Override
  String codecClass() {
    return "dev.cellflow.internal.serialize.TablesawCodec";
  }

  @Override
  String libraryClass() {
    return "tech.tablesaw.api.Table";
  }

  @Override
  String libraryName() {
    return "Tablesaw";
  }
}
