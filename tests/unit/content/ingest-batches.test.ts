import { describe, expect, it } from "vitest";
import { sizeBatch } from "@/lib/content/ingest";

/** The batch sizes an ingest of `total` files goes through. */
function batchSizes(total: number, largest: number): number[] {
  const sizes: number[] = [];
  for (let done = 0; done < total; ) {
    const size = sizeBatch(sizes.length, total - done, largest);
    sizes.push(size);
    done += size;
  }
  return sizes;
}

describe("ingest batch sizes", () => {
  it("start small, double up to the largest, and end small", () => {
    expect(batchSizes(5000, 500)).toEqual([100, 200, 400, 500, 500, 500, 500, 500, 500, 500, 400, 200, 100, 50, 50]);
  });

  it("cover every file exactly once, whatever the count", () => {
    for (const total of [1, 2, 49, 50, 51, 99, 100, 101, 333, 1000, 12_345]) {
      const sizes = batchSizes(total, 500);
      expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(total);
      expect(sizes.every((size) => size >= 1 && size <= 500)).toBe(true);
    }
  });

  it("never exceed a smaller largest size", () => {
    expect(batchSizes(11, 2)).toEqual([2, 2, 2, 2, 2, 1]);
    expect(batchSizes(3, 1)).toEqual([1, 1, 1]);
  });
});
