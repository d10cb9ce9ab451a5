package dev.llamakit.cli.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.tokenizer.Llama2cTokenizer;
import dev.llamakit.engine.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code llamakit engine tokenize}: prints the token ids of a text as a JSON array, tokenized as llama.cpp does with
 * the vocabulary of a GGUF file (a vocab-only file is enough) or of a llama2.c tokenizer file.
 */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
    description = {"Tokenize text with a model's vocabulary and print the ids as a JSON array.",
        "With --decode, also print the pieces (JSON array) and the detokenized text (JSON string)."})
public final class TokenizeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE",
      description = "A GGUF file (vocab-only files work) or a llama2.c tokenizer .bin (needs --vocab-size).")
  Path model;

  @Option(names = "--text", required = true, paramLabel = "TEXT", description = "The text; '-' reads standard input.")
  String text;

  @Option(names = "--no-bos", description = "Do not add BOS (llama.cpp add_special = false).")
  boolean noBos;

  @Option(names = "--parse-special",
      description = "Turn special-token text such as <|eot_id|> or <s> into those tokens.")
  boolean parseSpecial;

  @Option(names = "--decode", description = "Also print each token's piece and the detokenized text.")
  boolean decode;

  @Option(names = "--vocab-size", paramLabel = "N", description = "Number of tokens in a llama2.c tokenizer file.")
  Integer vocabSize;

  PrintStream out = System.out;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(model)) {
      throw new NoSuchFileException(model.toString());  // a failure (exit 1), not a usage error
    }
    Tokenizer tok = load();
    String input = text.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : text;
    int[] ids = tok.encode(input, !noBos, parseSpecial);
    ObjectMapper json = new ObjectMapper();
    out.println(json.writeValueAsString(ids));
    if (decode) {
      List<String> pieces = new ArrayList<>(ids.length);
      for (int id : ids) {
        pieces.add(new String(tok.tokenBytes(id), StandardCharsets.UTF_8));
      }
      out.println(json.writeValueAsString(pieces));
      out.println(json.writeValueAsString(tok.decode(ids, false, true)));
    }
    return 0;
  }

  private Tokenizer load() throws IOException {
    if (vocabSize != null) {
      return Llama2cTokenizer.load(model, vocabSize);
    }
    if (model.getFileName().toString().endsWith(".bin")) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--model " + model + " looks like a llama2.c tokenizer: give its --vocab-size");
    }
    return Tokenizer.fromGguf(model);
  }
}
