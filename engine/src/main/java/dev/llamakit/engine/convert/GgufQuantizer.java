package dev.llamakit.engine.convert;

import dev.llamakit.engine.gguf.FileType;
import dev.llamakit.engine.gguf.GgmlType;
import dev.llamakit.engine.gguf.GgufFile;
import dev.llamakit.engine.gguf.GgufWriter;
import dev.llamakit.engine.gguf.TensorInfo;
import dev.llamakit.engine.tensor.Quantizer;
import dev.llamakit.engine.tensor.WeightMatrix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Re-encodes the 2-D float weights (F32/F16/BF16) of a GGUF file as Q8_0 or Q4_0, copying metadata and every other
 * tensor unchanged. Tensors whose rows are not a multiple of 32 are kept as they are (llama-quantize refuses them).
 * The output's {@code general.file_type} is derived from its tensors ({@link FileType#guess}), not copied.
 */
public final class GgufQuantizer {
  private GgufQuantizer() {}

  /** Result counts. */
  public record Summary(int quantized, int kept, long bytesIn, long bytesOut) {}

  public static Summary quantize(Path in, Path out, GgmlType target) throws IOException {
    if (target != GgmlType.Q8_0 && target != GgmlType.Q4_0) {
      throw new IllegalArgumentException("quantize target must be Q8_0 or Q4_0, got " + target);
    }
    if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException("input and output are the same file: " + in);
    }
    try (GgufFile f = GgufFile.open(in)) {
      GgufWriter w = new GgufWriter();
      f.metadata().asMap().forEach((k, v) -> {
        if (!k.equals("general.alignment") && !k.equals(FileType.KEY)) {  // the writer derives the new file type
          w.put(k, v);
        }
      });
      int quantized = 0, kept = 0;
      long bytesOut = 0;
      for (TensorInfo t : f.tensors()) {
        long[] shape = t.shape();
        boolean floatType = t.type() == GgmlType.F32 || t.type() == GgmlType.F16 || t.type() == GgmlType.BF16;
        boolean convert = floatType && shape.length == 2 && t.name().endsWith(".weight") && shape[0] % 32 == 0;
        if (!convert) {
          kept++;
          bytesOut += t.byteSize();
          w.addTensor(t.name(), t.type(), shape, o -> {
            byte[] b = f.data(t).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            o.write(b);
          });
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
      return new Summary(quantized, kept, f.segment().byteSize(), bytesOut);
    }
  }
}
