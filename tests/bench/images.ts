import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { DEFAULT_ENCODE_CONCURRENCY, applyEncoder, processImage } from "@/lib/media/pipeline";
import { createDiskMediaStore } from "@/lib/media/store";
import { VARIANT_FORMATS, planVariants, type PlannedVariant, type VariantFormat } from "@/lib/media/variants";
import { runWhenInvoked } from "./run-directly";

// Image pipeline throughput against plain sharp doing exactly the same encodes (same table, same
// encoder settings, same parallelism): the difference is what the pipeline itself costs
// (sniffing, hashing, metadata, placeholder, atomic disk writes, manifest).

export interface ImageBenchOptions {
  images?: number;
  width?: number;
  height?: number;
  log?: (line: string) => void;
}

export interface ImageBenchPhase {
  seconds: number;
  variants: number;
  variantsPerSecond: number;
}

export interface ImageBenchResult {
  images: number;
  width: number;
  height: number;
  encodeConcurrency: number;
  pipeline: ImageBenchPhase;
  baseline: ImageBenchPhase;
  /** pipeline seconds / baseline seconds; 1.05 means 5% overhead. */
  ratio: number;
  /** Same bytes out of both: proof the baseline did the same work. */
  identicalOutputBytes: boolean;
  peakRssMiB: number;
  startRssMiB: number;
  originalBytes: number;
  /** Sum over images of the widest variant in each format (what a large screen downloads). */
  largestVariantBytes: Record<VariantFormat, number>;
  /** 1 - largest / original, per format. */
  savedFraction: Record<VariantFormat, number>;
}

export async function runImageBench(options: ImageBenchOptions = {}): Promise<ImageBenchResult> {
  const images = options.images ?? 40;
  const width = options.width ?? 2400;
  const height = options.height ?? 1600;
  const log = options.log ?? (() => {});
  const encodeConcurrency = DEFAULT_ENCODE_CONCURRENCY;

  log(`generating ${images} noisy ${width}x${height} JPEGs…`);
  const inputs: Buffer[] = [];
  for (let index = 0; index < images + 1; index += 1) inputs.push(await noisyPhoto(width, height));

  const workDir = await mkdtemp(path.join(os.tmpdir(), "inkstone-bench-images-"));
  const store = createDiskMediaStore(path.join(workDir, "media"));
  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);

  try {
    const plan = planVariants(width, height);
    // One untimed warm-up of each so neither side pays for loading codecs.
    const [warmUp, ...timed] = inputs;
    if (warmUp === undefined) throw new Error("no input");
    await processImage(warmUp, { store });
    await encodeWithSharp(warmUp, plan, encodeConcurrency);

    let pipelineMs = 0;
    let baselineMs = 0;
    let pipelineOutputBytes = 0;
    let baselineOutputBytes = 0;
    let originalBytes = 0;
    const largestVariantBytes: Record<VariantFormat, number> = { avif: 0, webp: 0, jpeg: 0 };

    // Interleaved per image, and alternating which goes first, so load from other processes on
    // this shared machine and any warm-cache advantage fall on both sides alike.
    for (const [index, input] of timed.entries()) {
      const runPipeline = async () => {
        const started = performance.now();
        const result = await processImage(input, { store });
        pipelineMs += performance.now() - started;
        if (!result.ok) throw new Error(`pipeline rejected bench image ${index}: ${result.reason}`);
        return result;
      };
      const runBaseline = async () => {
        const started = performance.now();
        const sizes = await encodeWithSharp(input, plan, encodeConcurrency);
        baselineMs += performance.now() - started;
        return sizes;
      };
      let result: Awaited<ReturnType<typeof runPipeline>>;
      let baselineSizes: number[];
      if (index % 2 === 0) {
        result = await runPipeline();
        baselineSizes = await runBaseline();
      } else {
        baselineSizes = await runBaseline();
        result = await runPipeline();
      }

      originalBytes += input.byteLength;
      pipelineOutputBytes += result.variants.reduce((sum, variant) => sum + variant.bytes, 0);
      baselineOutputBytes += baselineSizes.reduce((sum, size) => sum + size, 0);
      for (const { format } of VARIANT_FORMATS) {
        const widest = result.variants
          .filter((variant) => variant.format === format)
          .reduce((best, variant) => (variant.width > best.width ? variant : best));
        largestVariantBytes[format] += widest.bytes;
      }
      if ((index + 1) % 10 === 0 || index + 1 === timed.length) log(`  ${index + 1}/${timed.length} images`);
    }

    const variants = plan.length * timed.length;
    const phase = (ms: number): ImageBenchPhase => ({
      seconds: ms / 1000,
      variants,
      variantsPerSecond: variants / (ms / 1000),
    });
    const savedFraction = Object.fromEntries(
      VARIANT_FORMATS.map(({ format }) => [format, 1 - largestVariantBytes[format] / originalBytes]),
    ) as Record<VariantFormat, number>;
    return {
      images: timed.length,
      width,
      height,
      encodeConcurrency,
      pipeline: phase(pipelineMs),
      baseline: phase(baselineMs),
      ratio: pipelineMs / baselineMs,
      identicalOutputBytes: pipelineOutputBytes === baselineOutputBytes,
      peakRssMiB: peakRss / (1024 * 1024),
      startRssMiB: startRss / (1024 * 1024),
      originalBytes,
      largestVariantBytes,
      savedFraction,
    };
  } finally {
    clearInterval(sampler);
    await rm(workDir, { recursive: true, force: true });
  }
}

/** The baseline: the table's encodes with sharp alone, same settings and parallelism. */
async function encodeWithSharp(input: Buffer, plan: readonly PlannedVariant[], concurrency: number): Promise<number[]> {
  const sizes = new Array<number>(plan.length).fill(0);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < plan.length) {
      const index = next;
      next += 1;
      const planned = plan[index];
      if (planned === undefined) return;
      const output = await applyEncoder(
        sharp(input)
          .autoOrient()
          .resize(planned.width, planned.height, { fit: "fill" })
          .flatten({ background: "#ffffff" })
          .toColourspace("srgb"),
        planned.format,
      ).toBuffer();
      sizes[index] = output.byteLength;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return sizes;
}

/** Smooth colour fields plus per-pixel noise: compresses like a real photo, not like a flat fill. */
async function noisyPhoto(width: number, height: number): Promise<Buffer> {
  const pixels = await sharp(randomBytes(16 * 12 * 3), { raw: { width: 16, height: 12, channels: 3 } })
    .resize(width, height, { kernel: "cubic" })
    .raw()
    .toBuffer();
  const noise = randomBytes(pixels.length);
  for (let index = 0; index < pixels.length; index += 1) {
    pixels[index] = Math.min(255, Math.max(0, (pixels[index] ?? 0) + ((noise[index] ?? 0) & 31) - 16));
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
}

export function formatImageBench(result: ImageBenchResult): string {
  const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;
  const lines = [
    `images: ${result.images} x ${result.width}x${result.height} JPEG, ${result.pipeline.variants} variants, ${result.encodeConcurrency} encodes in parallel`,
    `pipeline: ${result.pipeline.variantsPerSecond.toFixed(2)} variants/s (${result.pipeline.seconds.toFixed(1)} s)`,
    `baseline (sharp only): ${result.baseline.variantsPerSecond.toFixed(2)} variants/s (${result.baseline.seconds.toFixed(1)} s)`,
    `ratio pipeline/baseline: ${result.ratio.toFixed(3)} (${percent(result.ratio - 1)} overhead); identical output bytes: ${result.identicalOutputBytes}`,
    `peak RSS: ${result.peakRssMiB.toFixed(0)} MiB (${result.startRssMiB.toFixed(0)} MiB at start, inputs held in memory)`,
    `originals: ${mib(result.originalBytes)}`,
    ...VARIANT_FORMATS.map(
      ({ format }) =>
        `widest ${format}: ${mib(result.largestVariantBytes[format])} (${percent(result.savedFraction[format])} saved)`,
    ),
  ];
  return lines.join("\n");
}

runWhenInvoked(
  import.meta.url,
  () => {
    const images = Number(process.env.BENCH_IMAGES ?? "40");
    if (!Number.isSafeInteger(images) || images < 1) throw new Error("BENCH_IMAGES must be a positive integer");
    return runImageBench({ images, log: (line) => console.log(line) });
  },
  (result) => console.log(formatImageBench(result)),
);
