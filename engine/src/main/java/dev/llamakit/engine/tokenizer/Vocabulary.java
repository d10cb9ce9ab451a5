package dev.llamakit.engine.tokenizer;

import dev.llamakit.engine.gguf.GgufMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The token table of a GGUF vocabulary: pieces, scores, types, the special ids and the flags llama.cpp reads with them.
 *
 * <p>Loading follows llama.cpp's {@code llama_vocab::load}: an empty piece becomes {@code [EMPTY_<id>]}, a piece
 * that occurs twice maps to its last id, missing scores are 0 and missing types are normal.
 */
public final class Vocabulary {
  /** Piece texts that llama.cpp treats as end-of-generation when present. */
  private static final List<String> EOG_TEXTS =
      List.of("<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "<|eom_id|>", "<EOT>", "_<EOT>");
  /** Piece texts that llama.cpp takes as end-of-turn when no {@code eot_token_id} is given. */
  private static final List<String> EOT_TEXTS =
      List.of("<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "<EOT>", "_<EOT>");

  private final String[] pieces;
  private final float[] scores;
  private final int[] types;
  private final Map<String, Integer> ids;
  private final int bos;
  private final int eos;
  private final int eot;
  private final int eom;
  private final int unk;
  private final boolean addBos;
  private final boolean addEos;
  private final Set<Integer> eog;

  private Vocabulary(String[] pieces, float[] scores, int[] types, int bos, int eos, int eot, int eom, int unk,
      boolean addBos, boolean addEos) {
    this.pieces = pieces;
    this.scores = scores;
    this.types = types;
    this.ids = new HashMap<>(pieces.length * 2);
    for (int i = 0; i < pieces.length; i++) {
      ids.put(pieces[i], i);
    }
    this.bos = bos;
    this.eos = eos;
    this.unk = unk;
    this.addBos = addBos;
    this.addEos = addEos;
    int eotFound = eot;
    if (eotFound < 0) {
      for (String t : EOT_TEXTS) {
        Integer id = ids.get(t);
        if (id != null) {
          eotFound = id;
          break;
        }
      }
    }
    this.eot = eotFound;
    this.eom = eom >= 0 ? eom : ids.getOrDefault("<|eom_id|>", -1);
    Set<Integer> g = new TreeSet<>();
    for (int id : new int[] {eos, this.eot, this.eom}) {
      if (id >= 0) {
        g.add(id);
      }
    }
    for (String t : EOG_TEXTS) {
      Integer id = ids.get(t);
      if (id != null) {
        g.add(id);
      }
    }
    this.eog = Set.copyOf(g);
  }

  /**
   * Reads the vocabulary keys of a GGUF file.
   *
   * @param defaultBos the BOS id when {@code tokenizer.ggml.bos_token_id} is absent (llama.cpp: 1 for SPM, 11 for BPE)
   * @param defaultEos the EOS id when absent (2 for SPM, 11 for BPE)
   * @param defaultAddBos whether BOS is added when {@code tokenizer.ggml.add_bos_token} is absent
   */
  public static Vocabulary fromGguf(GgufMetadata md, int defaultBos, int defaultEos, boolean defaultAddBos) {
    String[] raw = md.getStringArray("tokenizer.ggml.tokens");
    if (raw.length == 0) {
      throw new TokenizerException("tokenizer.ggml.tokens is empty: a vocabulary needs at least one token");
    }
    String[] pieces = new String[raw.length];
    for (int i = 0; i < raw.length; i++) {
      pieces[i] = raw[i].isEmpty() ? "[EMPTY_" + i + "]" : raw[i];
    }
    float[] scores = md.has("tokenizer.ggml.scores") ? md.getFloatArray("tokenizer.ggml.scores") : new float[pieces.length];
    int[] types;
    if (md.has("tokenizer.ggml.token_type")) {
      types = md.getIntArray("tokenizer.ggml.token_type");
    } else {
      types = new int[pieces.length];
      Arrays.fill(types, TokenType.NORMAL);
    }
    if (scores.length != pieces.length || types.length != pieces.length) {
      throw new TokenizerException("tokenizer.ggml.tokens has " + pieces.length + " entries but tokenizer.ggml.scores has "
          + scores.length + " and tokenizer.ggml.token_type " + types.length);
    }
    for (int i = 0; i < types.length; i++) {
      // Stricter than llama.cpp, which takes an unknown type code as "undefined": a code outside 0..6 is damage.
      if (types[i] < TokenType.UNDEFINED || types[i] > TokenType.BYTE) {
        throw new TokenizerException("tokenizer.ggml.token_type[" + i + "] = " + types[i] + " is not a token type "
            + "(0 to 6)");
      }
    }
    int bos = tokenId(md, "bos", defaultBos, pieces.length, false);
    int eos = tokenId(md, "eos", defaultEos, pieces.length, false);
    int eot = tokenId(md, "eot", -1, pieces.length, true);
    int eom = tokenId(md, "eom", -1, pieces.length, true);
    int unk = tokenId(md, "unknown", -1, pieces.length, true);
    boolean addBos = md.getBoolean("tokenizer.ggml.add_bos_token", defaultAddBos);
    boolean addEos = md.getBoolean("tokenizer.ggml.add_eos_token", false);
    return new Vocabulary(pieces, scores, types, bos, eos, eot, eom, unk, addBos, addEos);
  }

  /**
   * The id under {@code tokenizer.ggml.<name>_token_id}, or {@code fallback} when absent; where {@code optional},
   * -1 (or 0xFFFFFFFF, llama.cpp's null token written as UINT32) means "none". Stricter than llama.cpp, which logs any
   * other out-of-range id and keeps its default: here it fails.
   */
  private static int tokenId(GgufMetadata md, String name, int fallback, int size, boolean optional) {
    String key = "tokenizer.ggml." + name + "_token_id";
    boolean present = md.has(key);
    long id = present ? md.getLong(key) : fallback;
    if (optional && (id == -1 || id == 0xFFFFFFFFL)) {
      return -1;
    }
    if (id < 0 || id >= size) {
      throw new TokenizerException(key + " = " + id + (present ? "" : " (the default when the key is absent)")
          + " is outside the vocabulary of " + size + " tokens");
    }
    return (int) id;
  }

  /** A vocabulary built from arrays (llama2.c files, tests). */
  public static Vocabulary of(String[] pieces, float[] scores, int[] types, int bos, int eos, boolean addBos) {
    return new Vocabulary(pieces.clone(), scores.clone(), types.clone(), bos, eos, -1, -1, -1, addBos, false);
  }

  public int size() {
    return pieces.length;
  }

  /** The stored piece text of {@code id} (SPM: with {@code ▁} for spaces; BPE: in GPT-2 byte-to-unicode form). */
  public String piece(int id) {
    checkId(id);
    return pieces[id];
  }

  public float score(int id) {
    return scores[id];
  }

  /** The {@link TokenType} code of {@code id}. */
  public int type(int id) {
    checkId(id);
    return types[id];
  }

  /** The id of a stored piece, or -1. */
  public int idOf(String piece) {
    Integer id = ids.get(piece);
    return id == null ? -1 : id;
  }

  public OptionalInt find(String piece) {
    Integer id = ids.get(piece);
    return id == null ? OptionalInt.empty() : OptionalInt.of(id);
  }

  public int bos() {
    return bos;
  }

  public int eos() {
    return eos;
  }

  public int eot() {
    return eot;
  }

  public int eom() {
    return eom;
  }

  public int unk() {
    return unk;
  }

  public boolean addBos() {
    return addBos;
  }

  public boolean addEos() {
    return addEos;
  }

  /** The end-of-generation ids (EOS, EOT, EOM and the llama.cpp EOG pieces present in this vocabulary). */
  public Set<Integer> eog() {
    return eog;
  }

  /**
   * The special tokens llama.cpp splits text on (control, user-defined and unknown types), longest piece first; equal
   * lengths keep id order.
   */
  int[] specialTokensLongestFirst() {
    return IntStream.range(0, pieces.length)
        .filter(i -> TokenType.isSpecial(types[i]))
        .boxed()
        .sorted(Comparator.<Integer>comparingInt(i -> -utf8Length(pieces[i])).thenComparingInt(i -> i))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private void checkId(int id) {
    if (id < 0 || id >= pieces.length) {
      throw new TokenizerException("token id " + id + " is outside the vocabulary of " + pieces.length + " tokens");
    }
  }
}
