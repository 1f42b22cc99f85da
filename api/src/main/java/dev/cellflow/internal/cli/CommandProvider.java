package dev.cellflow.internal.cli;

import dev.cellflow.FlowSpec;

/**
 * A command that a module adds to every flow's command line ({@code batch list|kill} from the
 * batch module). Found by {@link java.util.ServiceLoader} under {@code
 * META-INF/services/dev.cellflow.internal.cli.CommandProvider}; a built-in command of the same name wins.
 */
public interface CommandProvider {
  /** The command's name, as typed after the flow ({@code batch}). */
  String name();

  /** The picocli command object (annotated with {@code @Command}) for {@code flow}. */
  Object command(Class<? extends FlowSpec> flow);
}
