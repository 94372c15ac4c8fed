/**
 * Progress a person can follow on a long run: a redrawn bar on a terminal, a line every two
 * seconds (and at the end) in logs.
 */
export function createProgressPrinter(unit: string, stream: NodeJS.WriteStream = process.stdout): (done: number, total: number) => void {
  const started = Date.now();
  let lastLine = 0;
  return (done, total) => {
    const elapsed = Date.now() - started;
    const rate = elapsed > 0 ? Math.round((done / elapsed) * 1000) : 0;
    const width = 30;
    const filled = total ? Math.round((done / total) * width) : width;
    const line = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${unit}, ${rate}/s`;
    if (stream.isTTY) {
      stream.write(`\r${line}${done === total ? "\n" : ""}`);
    } else if (elapsed - lastLine >= 2000 || done === total) {
      lastLine = elapsed;
      stream.write(`${line}\n`);
    }
  };
}
