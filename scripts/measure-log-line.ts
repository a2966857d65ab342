// The cost of the per-request log line with pino's redaction pass and without it (request-log.plugin.ts).
// Usage: npx tsx scripts/measure-log-line.ts
import { createLogger } from "../src/logger.js";

const logger = createLogger({ write() {} } as never, "info");
const plain = logger.child({}, { redact: [] });
const line = () => ({ requestId: "abc-123", operationName: "Dashboard", durationMs: 1.234, statements: 1, caller: { subject: "bench-x", role: "INSTITUTION_ADMIN" }, cost: 42 });
for (let round = 0; round < 2; round++)
  for (const [name, l] of [["with redaction", logger], ["without", plain]] as const) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < 200_000; i++) l.info(line(), "graphql request");
    console.log(`${name}: ${(Number(process.hrtime.bigint() - t0) / 200_000 / 1000).toFixed(2)} µs a line`);
  }
