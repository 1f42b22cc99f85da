package dev.cellflow.internal.serialize;

/** EJML dense matrices ({@code DMatrixRMaj}, {@code FMatrixRMaj}, {@code SimpleMatrix}). */
public final class EjmlSerializer extends LibrarySerializer {
  @Override
  public String id() {
    return "ejml";
  }

  @Override
  public int priority() {
    return 100;
  }

  @Override
  boolean takes(String className) {
    return className.equals("org.ejml.data.DMatrixRMaj")
        || className.equals("org.ejml.data.FMatrixRMaj")
        || className.equals("org.ejml.simple.SimpleMatrix");
  }

  @Override
  String codecClass() {
    return "dev.cellflow.internal.serialize.EjmlCodec";
  }

  @Override
  String libraryClass() {
    return "org.ejml.data.DMatrixRMaj";
  }

  @Override
  String libraryName() {
    return "EJML";
  }
}
