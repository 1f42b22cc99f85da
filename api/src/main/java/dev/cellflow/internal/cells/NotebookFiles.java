package dev.cellflow.internal.cells;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cellflow.CellflowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the code cells of a Jupyter notebook ({@code .ipynb}) or a JShell script. */
public final class NotebookFiles {
  private NotebookFiles() {}

  /** The code cells of {@code file}: a notebook by its {@code .ipynb} name, else a script. */
  public static List<Cell> read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new CellflowException(file + ": no such file");
    } catch (IOException e) {
      throw new CellflowException(file + ": cannot be read: " + e.getMessage());
    }
    return file.toString().endsWith(".ipynb") ? notebook(file, text) : script(text);
  }

  /**
   * The name of the kernel a notebook file was saved by ({@code metadata.kernelspec.name}), or
   * null for a script, or a notebook that does not say.
   */
  public static String kernelName(Path file) {
    if (!file.toString().endsWith(".ipynb")) {
      return null;
    }
    try {
      JsonNode name = new ObjectMapper().readTree(file.toFile()).path("metadata")
          .path("kernelspec").path("name");
      return name.isTextual() ? name.asText() : null;
    } catch (IOException e) {
      return null; // read() has said what is wrong with the file
    }
  }

  /** The code cells of a notebook in nbformat 4; markdown and raw cells are left out. */
  static List<Cell> notebook(Path file, String json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new CellflowException(file + " is not a notebook: its JSON is malformed at line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + " ("
          + e.getOriginalMessage() + ")");
    }
    JsonNode cells = root == null ? null : root.get("cells");
    if (cells == null || !cells.isArray()) {
      throw new CellflowException(file + " is not a notebook: it has no \"cells\" list"
          + " (cellflow reads nbformat 4, as Jupyter writes it)");
    }
    List<Cell> out = new ArrayList<>();
    for (JsonNode c : cells) {
      if (!"code".equals(c.path("cell_type").asText())) {
        continue;
      }
      JsonNode src = c.path("source");
      StringBuilder s = new StringBuilder();
      if (src.isArray()) {
        src.forEach(line -> s.append(line.asText())); // nbformat keeps each line's newline
      } else {
        s.append(src.asText());
      }
      out.add(new Cell(out.size() + 1, s.toString()));
    }
    return out;
  }

  /**
   * The parts of a JShell script: a line of {@code %flow}, {@code %resources} or {@code %batch}
   * starts a new part, as a new cell would in a notebook, so each such line sizes the code
   * after it up to the next one.
   */
  static List<Cell> script(String text) {
    List<Cell> out = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String t = line.strip();
      boolean starts = t.startsWith("%flow") || t.startsWith("%resources")
          || t.startsWith("%batch");
      if (starts && !part.toString().isBlank()) {
        out.add(new Cell(out.size() + 1, part.toString()));
        part.setLength(0);
      }
      part.append(line).append('\n');
    }
    if (!part.toString().isBlank()) {
      out.add(new Cell(out.size() + 1, part.toString()));
    }
    return out;
  }
}
