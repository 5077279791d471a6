// A real logger (server/lib/logger.ts, redaction included) whose JSON lines are kept for the test to read.
import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../server/lib/logger.ts";

export function capturedLogger(level = "trace"): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  return { log: createLogger(level, sink), lines };
}
