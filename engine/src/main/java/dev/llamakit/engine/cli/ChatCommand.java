package dev.llamakit.engine.cli;

import dev.llamakit.engine.chat.ChatTemplate;
import dev.llamakit.engine.chat.Message;
import dev.llamakit.engine.inference.GenerationResult;
import dev.llamakit.engine.inference.LlamaEngine;
import dev.llamakit.engine.sampling.SamplingParams;
import dev.llamakit.engine.tokenizer.StreamingDecoder;
import dev.llamakit.engine.tokenizer.Tokenizer;
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
    try (LlamaEngine e = model.open()) {
      Tokenizer tok = model.tokenizer(e.model());
      ChatTemplate t = template != null ? ChatTemplate.byName(template)
          : ChatTemplate.fromGguf(e.model().metadata().orElseThrow(() -> new IllegalArgumentException(
              "--model " + model.model + " has no chat template metadata: give --template")));
      Set<Integer> eog = GenerateCommand.endOfGeneration(tok);
      SamplingParams params = sampling.params(eog, t.stopStrings(), e.model().contextLength());
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
        int[] ids = t.encode(tok, messages, true);
        StreamingDecoder dec = new StreamingDecoder(tok);
        StringBuilder reply = new StringBuilder();
        GenerationResult r = e.generate(ids, params, tok::tokenBytes, (id, i) -> {
          if (!eog.contains(id)) {
            String s = dec.accept(id);
            reply.append(s);
            out.print(s);
            out.flush();
          }
          return true;
        });
        reply.append(dec.flush());
        out.println();
        String text = reply.toString();
        for (String stop : t.stopStrings()) {
          int k = text.indexOf(stop);
          if (k >= 0) {
            text = text.substring(0, k);
          }
        }
        messages.add(Message.assistant(text));
        System.err.printf("[%d prompt tokens, %d reused, %.1f tok/s]%n", r.promptTokens(), r.reusedPromptTokens(),
            r.decodeTokensPerSecond());
      }
    }
  }
}
