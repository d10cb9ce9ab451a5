package dev.llamakit.cli.engine;

import dev.llamakit.engine.chat.ChatTemplate;
import dev.llamakit.engine.chat.Message;
import dev.llamakit.engine.inference.TextEngine;
import dev.llamakit.engine.inference.TextGeneration;
import dev.llamakit.engine.sampling.SamplingParams;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code llamakit engine chat}: an interactive conversation on standard input/output, rendered with the model's chat
 * template; the KV of earlier turns is reused.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
    description = {"Chat with a model: one user message per input line; an empty line or end of input quits.",
        "-p/-f give the first message, -sys/-sysf the system message, as llama.cpp's conversation mode."})
public final class ChatCommand implements Callable<Integer> {
  @Mixin ModelMixin model;
  @Mixin SamplingMixin sampling;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-sys", "--system", "--system-prompt"}, paramLabel = "TEXT", description = "A system message.")
  String system;

  @Option(names = {"-sysf", "--system-prompt-file"}, paramLabel = "FILE",
      description = "Read the system message from FILE (UTF-8) instead of -sys.")
  Path systemFile;

  @Option(names = {"-p", "--prompt"}, paramLabel = "TEXT",
      description = "The first user message, answered before standard input is read (as llama.cpp's -p).")
  String prompt;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE",
      description = "Read the first user message from FILE (UTF-8) instead of -p.")
  Path file;

  @Option(names = "--template", paramLabel = "NAME",
      description = "llama2, llama2-sys, llama3, ... (default: detected from the GGUF chat template).")
  String template;

  PrintStream out = System.out;
  InputStream stdin = System.in;

  @Override
  public Integer call() throws Exception {
    sampling.check();
    for (Path f : new Path[] {systemFile, file}) {
      if (f != null && PromptSource.isStdin(f)) {
        throw new CommandLine.ParameterException(spec.commandLine(), (f == file ? "-f" : "-sysf")
            + " -: chat reads the conversation from standard input; give a file or the text inline");
      }
    }
    String systemText = PromptSource.resolve(spec, "-sys/--system", system, "-sysf/--system-prompt-file", systemFile,
        false, stdin);
    String first = PromptSource.resolve(spec, "-p/--prompt", prompt, "-f/--file", file, false, stdin);
    try (TextEngine opened = model.openText()) {
      TextEngine t = template != null ? opened.withChatTemplate(ChatTemplate.byName(template)) : opened;
      if (t.chatTemplate().isEmpty()) {
        throw new IllegalArgumentException("--model " + model.model + " names no chat template implemented here: "
            + "give --template (llama2, llama3)");
      }
      SamplingParams params = sampling.params(Set.of(), t.chatStopStrings(), t.contextLength());
      List<Message> messages = new ArrayList<>();
      if (systemText != null) {
        messages.add(Message.system(systemText));
      }
      BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
      while (true) {
        out.print("> ");
        String line;
        if (first != null) {
          line = first;
          first = null;
          out.println(line);
        } else {
          out.flush();
          line = in.readLine();
        }
        if (line == null || line.isBlank()) {
          return 0;
        }
        messages.add(Message.user(line));
        int[] ids = t.encodeChat(messages);
        TextGeneration r = t.generate(ids, params, piece -> {
          out.print(piece);
          out.flush();
          return true;
        });
        out.println();
        messages.add(Message.assistant(r.text()));
        System.err.printf("[%d prompt tokens, %d reused, %.1f tok/s]%n", r.promptTokens(), r.reusedPromptTokens(),
            r.decodeTokensPerSecond());
      }
    }
  }
}
