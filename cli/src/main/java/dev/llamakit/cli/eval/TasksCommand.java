package dev.llamakit.cli.eval;

import dev.llamakit.eval.task.Task;
import dev.llamakit.eval.task.TaskRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code llamakit eval tasks}: lists the built-in tasks. */
@Command(name = "tasks", mixinStandardHelpOptions = true, description = "List the built-in benchmark tasks.")
public final class TasksCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    TaskRegistry reg = TaskRegistry.builtIn();
    for (String name : reg.names()) {
      Task t = reg.get(name);
      System.out.printf("%-18s v%-4s %d-shot  %s%n", name, t.version(), t.spec().numFewshot(), t.spec().about());
    }
    return 0;
  }
}
