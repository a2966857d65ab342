import "reflect-metadata";
import { parse, validate } from "graphql";
import { compileQuery } from "graphql-jit";
import { createSchema } from "../src/schema.js";

// `node --expose-gc --import tsx scripts/measure-documents.ts`: heap bytes kept per parsed and validated
// document, and per graphql-jit compilation, over 2,000 distinct documents. The operation cache's size
// estimates (src/shared/operation-cache.ts) are rounded up from these figures.
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");
const schema = await createSchema();
const doc = (i: number) =>
  `query Q${i} { institutions(first: ${1 + (i % 20)}) { nodes { id nameEn a${i}: city countryCode programs { nodes { titleEn b${i}: code } } } pageInfo { hasNextPage } } }`;
const N = 2_000;
for (const compile of [false, true]) {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept: unknown[] = [];
  let chars = 0;
  for (let i = 0; i < N; i++) {
    const text = doc(i + (compile ? N : 0));
    chars += text.length;
    const document = parse(text);
    validate(schema, document);
    kept.push(document, compile ? compileQuery(schema, document) : null);
  }
  gc();
  const bytes = process.memoryUsage().heapUsed - before;
  console.log(`${compile ? "document + compilation" : "document"}: ${Math.round(bytes / N)} bytes each, ${(bytes / chars).toFixed(0)} bytes per character of text (${Math.round(chars / N)} characters)`);
}
