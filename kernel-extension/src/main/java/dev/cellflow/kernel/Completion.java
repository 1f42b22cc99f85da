package dev.cellflow.kernel;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

/** Completion, inspection and "is this complete" answers from JShell's source analysis. */
final class Completion {
  private static final Pattern MAGIC = Pattern.compile("^(%{1,2})([\\w-]*)$");

  private Completion() {}

  static ReplacementOptions complete(JShell shell, MagicsRegistry magics, String code, int at) {
    int lineStart = code.lastIndexOf('\n', at - 1) + 1;
    Matcher m = MAGIC.matcher(code.substring(lineStart, at));
    if (m.find()) {
      var names = m.group(1).equals("%%") ? magics.getCellMagicNames()
          : magics.getLineMagicNames();
      List<String> options = names.stream().filter(n -> n.startsWith(m.group(2))).sorted()
          .map(n -> m.group(1) + n).toList();
      return options.isEmpty() ? null : new ReplacementOptions(options, lineStart, at);
    }
    int[] anchor = new int[1];
    List<SourceCodeAnalysis.Suggestion> s = shell.sourceCodeAnalysis()
        .completionSuggestions(code, at, anchor);
    if (s == null || s.isEmpty()) {
      return null;
    }
    List<String> options = s.stream()
        .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
        .map(SourceCodeAnalysis.Suggestion::continuation).distinct().toList();
    return new ReplacementOptions(options, anchor[0], at);
  }

  static DisplayData inspect(JShell shell, String code, int at) {
    int end = at;
    while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
      end++;
    }
    if (end < code.length() && code.charAt(end) == '(') {
      end++;
    }
    List<SourceCodeAnalysis.Documentation> docs = shell.sourceCodeAnalysis()
        .documentation(code, end, true);
    if (docs == null || docs.isEmpty()) {
      return null;
    }
    String text = docs.stream().map(d -> d.signature()
        + (d.javadoc() == null ? "" : "\n" + d.javadoc())).collect(Collectors.joining("\n\n"));
    return new DisplayData(text);
  }

  static String isComplete(JShell shell, String code) {
    SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
    SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(code);
    while (info.completeness().isComplete()) {
      info = sca.analyzeCompletion(info.remaining());
    }
    return switch (info.completeness()) {
      case UNKNOWN -> BaseKernel.IS_COMPLETE_BAD;
      case CONSIDERED_INCOMPLETE, DEFINITELY_INCOMPLETE -> "    ";
      default -> BaseKernel.IS_COMPLETE_YES;
    };
  }
}
