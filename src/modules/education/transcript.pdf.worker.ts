import { parentPort } from "node:worker_threads";
import { renderTranscriptPdf, type DocumentFacts } from "./transcript.pdf.js";
import type { Transcript } from "./transcript.type.js";

// A thread of the PDF pool (transcript.pdf.pool.ts): renders one transcript at a time, off the server's event loop.

export interface RenderJob {
  id: number;
  transcript: Transcript;
  facts: DocumentFacts;
}
export type RenderAnswer = { id: number; pdf: Uint8Array } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error("transcript.pdf.worker runs as a worker thread of transcript.pdf.pool");
port.on("message", (job: RenderJob) => {
  renderTranscriptPdf(job.transcript, job.facts).then(
    (buf) => {
      // The document's own memory, handed over without a copy (a slice of a shared pool is copied first).
      const own = buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength ? buf : Buffer.from(buf);
      const pdf = new Uint8Array(own.buffer, 0, own.byteLength);
      port.postMessage({ id: job.id, pdf } satisfies RenderAnswer, [pdf.buffer as ArrayBuffer]);
    },
    (err: unknown) => port.postMessage({ id: job.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies RenderAnswer),
  );
});
