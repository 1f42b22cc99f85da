package dev.cellflow.internal.serialize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import dev.cellflow.internal.metadata.ArtifactRef;
import dev.cellflow.serialize.ArtifactSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.simple.SimpleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.api.TimeColumn;

/** Tablesaw tables and EJML matrices through the datastore, as artifacts. */
class LibrarySerializerTest {
  @TempDir Path root;

  private Object roundTrip(Object v, String serializer) throws IOException {
    FlowDatastore ds = new FlowDatastore(new LocalStorage(root), "F");
    ArtifactRef ref = ds.putArtifact(v);
    assertEquals(serializer, ref.serializer());
    return ds.getArtifact(ref, getClass().getClassLoader());
  }

  @Test
  void aTableComesBackWithItsColumnTypesNamesAndMissingValues() throws IOException {
    Table t = Table.create("people").addColumns(
        StringColumn.create("name", "ann", null, "cé"),
        IntColumn.create("age", 31, Integer.MIN_VALUE, 7),
        DoubleColumn.create("score", 1.5, Double.NaN, -2.0),
        LongColumn.create("id", 1L, 2L, 3L),
        BooleanColumn.create("ok", true, false, true),
        DateColumn.create("born", LocalDate.of(1990, 1, 2), null, LocalDate.of(2020, 3, 4)),
        TimeColumn.create("at", LocalTime.NOON, LocalTime.MIDNIGHT, null),
        DateTimeColumn.create("seen", LocalDateTime.of(2026, 11, 25, 10, 0), null,
            LocalDateTime.of(2000, 1, 1, 0, 0)),
        InstantColumn.create("stamp", Instant.ofEpochSecond(5), null, Instant.EPOCH));
    t.booleanColumn("ok").setMissing(1);
    Table back = (Table) roundTrip(t, "tablesaw");
    assertEquals("people", back.name());
    assertEquals(t.columnNames(), back.columnNames());
    for (int c = 0; c < t.columnCount(); c++) {
      assertEquals(t.column(c).type(), back.column(c).type(), t.column(c).name());
      for (int r = 0; r < t.rowCount(); r++) {
        assertEquals(t.column(c).isMissing(r), back.column(c).isMissing(r),
            t.column(c).name() + " row " + r);
        assertEquals(t.column(c).getString(r), back.column(c).getString(r));
      }
    }
    assertEquals(ColumnType.INTEGER, back.column("age").type());
  }

  @Test
  void ejmlMatricesKeepShapeAndValues() throws IOException {
    DMatrixRMaj d = new DMatrixRMaj(2, 3, true, 1, 2, 3, 4, 5, 6);
    DMatrixRMaj backD = (DMatrixRMaj) roundTrip(d, "ejml");
    assertEquals(2, backD.numRows);
    assertEquals(3, backD.numCols);
    assertArrayEquals(d.data, backD.data);
    FMatrixRMaj f = new FMatrixRMaj(1, 2, true, 0.5f, 1.5f);
    assertArrayEquals(f.data, ((FMatrixRMaj) roundTrip(f, "ejml")).data);
    SimpleMatrix s = SimpleMatrix.identity(3);
    SimpleMatrix backS = (SimpleMatrix) roundTrip(s, "ejml");
    assertTrue(s.isIdentical(backS, 0));
  }

  /**
   * Tablesaw in a loader below cellflow's, as {@code %jars} puts it in a notebook session or a
   * task: cellflow's own loader cannot see it, yet a table is written and read back through the
   * value's and the reader's loaders; a reader without it gets one line saying what to add.
   */
  @Test
  void aTableFromALoaderBelowCellflowsIsWrittenAndReadThroughThatLoader() throws Exception {
    List<URL> cellflow = new ArrayList<>();
    URL tablesaw = null;
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      URL u = Path.of(e).toUri().toURL();
      if (Path.of(e).getFileName().toString().startsWith("tablesaw-core")) {
        tablesaw = u;
      } else {
        cellflow.add(u);
      }
    }
    try (URLClassLoader own = new URLClassLoader(cellflow.toArray(URL[]::new),
            ClassLoader.getPlatformClassLoader());
        URLClassLoader session = new URLClassLoader(new URL[] {tablesaw}, own)) {
      Class<?> tableClass = session.loadClass("tech.tablesaw.api.Table");
      Class<?> column = session.loadClass("tech.tablesaw.columns.Column");
      Object col = session.loadClass("tech.tablesaw.api.DoubleColumn")
          .getMethod("create", String.class, double[].class)
          .invoke(null, "v", new double[] {1.5, 2.5});
      Object table = tableClass.getMethod("create", String.class).invoke(null, "t");
      Object cols = Array.newInstance(column, 1);
      Array.set(cols, 0, col);
      tableClass.getMethod("addColumns", cols.getClass()).invoke(table, cols);

      Class<?> serializers = own.loadClass(Serializers.class.getName());
      Object ser = serializers.getMethod("forValue", Object.class).invoke(null, table);
      Class<?> api = own.loadClass(ArtifactSerializer.class.getName());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      api.getMethod("write", Object.class, OutputStream.class).invoke(ser, table, out);
      Method read = api.getMethod("read", InputStream.class, ClassLoader.class);
      Object back = read.invoke(ser, new ByteArrayInputStream(out.toByteArray()), session);
      assertEquals(tableClass, back.getClass());
      assertEquals("[1.5, 2.5]", String.valueOf(tableClass.getMethod("column", String.class)
          .invoke(back, "v").getClass().getMethod("asList").invoke(
              tableClass.getMethod("column", String.class).invoke(back, "v"))));

      Thread t = Thread.currentThread();
      ClassLoader context = t.getContextClassLoader();
      t.setContextClassLoader(own); // the reader's loader and the context: neither has Tablesaw
      try {
        InvocationTargetException e = assertThrows(InvocationTargetException.class,
            () -> read.invoke(ser, new ByteArrayInputStream(out.toByteArray()), own));
        assertTrue(e.getCause().getMessage().startsWith("artifact serializer 'tablesaw' needs"
            + " Tablesaw (tech.tablesaw.api.Table) on the class path: add its jars"),
            e.getCause().getMessage());
      } finally {
        t.setContextClassLoader(context);
      }
    }
  }
}
