package dev.llamakit.engine.convert;

import dev.llamakit.engine.gguf.FileType;
import dev.llamakit.engine.gguf.GgmlType;
import dev.llamakit.engine.gguf.GgufFile;
import dev.llamakit.engine.gguf.GgufWriter;
import dev.llamakit.engine.gguf.TensorInfo;
import dev.llamakit.engine.tensor.Quantizer;
import dev.llamakit.engine.tensor.WeightMatrix;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Re-encodes the float weights (F32/F16/BF16) of a GGUF file in a {@link QuantMix}, each tensor in the type
 * {@link TensorTypePlan} gives it, copying metadata and every other tensor unchanged. The output's
 * {@code general.file_type} is the mix's (as llama-quantize writes it) and {@code general.quantization_version} is 2.
 */
public final class GgufQuantizer {
  /** The key llama-quantize writes beside the file type; ggml's current block formats are version 2. */
  static final String QUANTIZATION_VERSION = "general.quantization_version";

  private GgufQuantizer() {}

  /** Result counts: tensors converted, tensors copied, bytes of all tensors in and out, tensors per output type. */
  public record Summary(int quantized, int kept, long bytesIn, long bytesOut, Map<GgmlType, Integer> types) {}

  /** {@link #quantize(Path, Path, QuantMix)} with the single-type mix {@code Q8_0} or {@code Q4_0}. */
  public static Summary quantize(Path in, Path out, GgmlType target) throws IOException {
    if (target != GgmlType.Q8_0 && target != GgmlType.Q4_0) {
      throw new IllegalArgumentException("quantize target must be Q8_0 or Q4_0, got " + target);
    }
    return quantize(in, out, QuantMix.valueOf(target.name()));
  }

  public static Summary quantize(Path in, Path out, QuantMix mix) throws IOException {
    if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException("input and output are the same file: " + in);
    }
    try (GgufFile f = GgufFile.open(in)) {
      int layers = f.metadata().keys().stream().filter(k -> k.endsWith(".block_count")).findFirst()
          .map(k -> f.metadata().getInt(k)).orElseGet(() -> countLayers(f));
      Map<String, GgmlType> plan = TensorTypePlan.planFor(mix, f.tensors(), layers);
      GgufWriter w = new GgufWriter();
      f.metadata().asMap().forEach((k, v) -> {
        if (!k.equals("general.alignment") && !k.equals(FileType.KEY) && !k.equals(QUANTIZATION_VERSION)) {
          w.put(k, v);
        }
      });
      w.put(QUANTIZATION_VERSION, new GgufWriter.U32(2));
      w.put(FileType.KEY, new GgufWriter.U32(mix.fileType().id()));
      int quantized = 0, kept = 0;
      long bytesOut = 0;
      Map<GgmlType, Integer> types = new EnumMap<>(GgmlType.class);
      for (TensorInfo t : f.tensors()) {
        long[] shape = t.shape();
        GgmlType target = plan.get(t.name());
        types.merge(target, 1, Integer::sum);
        if (target == t.type()) {
          kept++;
          bytesOut += t.byteSize();
          w.addTensor(t.name(), t.type(), shape, o -> o.write(f.data(t).toArray(ValueLayout.JAVA_BYTE)));
          continue;
        }
        quantized++;
        int cols = (int) shape[0], rows = (int) (t.elements() / cols);
        WeightMatrix m = WeightMatrix.of(t.name(), t.type(), f.data(t), rows, cols);
        bytesOut += target.byteSize(t.elements());
        w.addTensor(t.name(), target, shape, o -> {
          float[] row = new float[cols];
          ByteBuffer buf = ByteBuffer.allocate((int) target.byteSize(cols));
          for (int r = 0; r < rows; r++) {
            m.dequantizeRow(r, row, 0);
            buf.clear();
            Quantizer.quantize(target, row, 0, cols, buf);
            o.write(buf.array(), 0, buf.position());
          }
        });
      }
      w.write(out);
      return new Summary(quantized, kept, f.segment().byteSize(), bytesOut, types);
    }
  }

  private static int countLayers(GgufFile f) {
    return (int) f.tensors().stream().mapToInt(t -> TensorTypePlan.layerOf(t.name())).filter(l -> l >= 0).distinct()
        .count();
  }
}
