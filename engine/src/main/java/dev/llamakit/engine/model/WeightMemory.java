package dev.llamakit.engine.model;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * One region of process memory holding the weights a model copies at load ({@link ModelOptions#mmap()} off),
 * handed out to the matrices by a slicing allocator and freed on {@link #close()}.
 *
 * <p>On Linux the region is 2 MiB-aligned and advised for transparent huge pages ({@code madvise(MADV_HUGEPAGE)},
 * through the FFM linker; the default THP mode {@code madvise} honours it). On the cloud VMs this was measured on, a
 * first touch of 4 KiB pages costs ~12 µs a page (600 MB: 1.9 s) and of huge pages a few ms a page once and then
 * almost nothing (600 MB: 0.06–1.4 s). Elsewhere, or when the C library calls are unavailable, the region comes
 * from a plain {@link Arena}.
 */
public final class WeightMemory implements AutoCloseable {
  private static final long HUGE_PAGE = 2L << 20;
  private static final int MADV_HUGEPAGE = 14;

  private final Arena arena;
  private final MemorySegment region;
  private final SegmentAllocator allocator;
  private final boolean hugePages;

  private WeightMemory(Arena arena, MemorySegment region, boolean hugePages) {
    this.arena = arena;
    this.region = region;
    this.allocator = SegmentAllocator.slicingAllocator(region);
    this.hugePages = hugePages;
  }

  /** A region of at least {@code bytes}. */
  public static WeightMemory allocate(long bytes) {
    Arena arena = Arena.ofShared();
    try {
      Optional<MemorySegment> huge = hugePageRegion(bytes, arena);
      return huge.map(r -> new WeightMemory(arena, r, true))
          .orElseGet(() -> new WeightMemory(arena, arena.allocate(Math.max(bytes, 1), 4096), false));
    } catch (RuntimeException | OutOfMemoryError e) {
      arena.close();
      throw e;
    }
  }

  /** Slices of the region, in order. */
  public SegmentAllocator allocator() {
    return allocator;
  }

  public long byteSize() {
    return region.byteSize();
  }

  /** Whether the region was advised for transparent huge pages. */
  public boolean hugePages() {
    return hugePages;
  }

  @Override
  public void close() {
    arena.close();
  }

  private static Optional<MemorySegment> hugePageRegion(long bytes, Arena arena) {
    if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      return Optional.empty();
    }
    long size = (Math.max(bytes, 1) + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
    try {
      Linker linker = Linker.nativeLinker();
      SymbolLookup libc = linker.defaultLookup();
      MethodHandle alignedAlloc = linker.downcallHandle(libc.find("aligned_alloc").orElseThrow(),
          FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
      MethodHandle madvise = linker.downcallHandle(libc.find("madvise").orElseThrow(),
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
      MethodHandle free = linker.downcallHandle(libc.find("free").orElseThrow(),
          FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
      MemorySegment p = (MemorySegment) alignedAlloc.invokeExact(HUGE_PAGE, size);
      if (p.address() == 0) {
        return Optional.empty();
      }
      // advice only: a refusal leaves ordinary pages, which work the same
      int ignored = (int) madvise.invokeExact(p, size, MADV_HUGEPAGE);
      return Optional.of(p.reinterpret(size, arena, s -> freeQuietly(free, s)));
    } catch (Throwable t) {
      return Optional.empty();
    }
  }

  private static void freeQuietly(MethodHandle free, MemorySegment s) {
    try {
      free.invokeExact(s);
    } catch (Throwable t) {
      throw new IllegalStateException("freeing model weight memory: " + t.getMessage(), t);
    }
  }
}
