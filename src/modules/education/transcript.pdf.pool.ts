import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { AppError, ErrorCode } from "../../shared/errors.js";
import type { DocumentFacts } from "./transcript.pdf.js";
import type { RenderAnswer, RenderJob } from "./transcript.pdf.worker.js";
import type { Transcript } from "./transcript.type.js";

// Transcript PDFs are rendered in worker threads: pdfkit's layout is synchronous and took the event loop for
// 0.5–0.9 s with three downloads at once. The pool is small and bounded (a few threads, a short queue); a
// document asked for beyond that is refused at once (503 SERVICE_UNAVAILABLE, Retry-After) rather than queued
// without end. Threads start on the first document and end after a minute idle, unref'd: they hold no process open.

export interface PdfPoolOptions {
  /** Threads rendering at once (default PDF_WORKERS, else 2). */
  size?: number;
  /** Documents waiting for a thread before more are refused (default 4 per thread). */
  queue?: number;
  /** A thread idle this long ends (ms). */
  idleMs?: number;
}

interface Pending {
  job: RenderJob;
  resolve: (pdf: Buffer) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  job?: Pending;
  idle?: NodeJS.Timeout;
}

/**
 * The worker: the compiled .js beside this module (dist/), or, run from the TypeScript sources (tsx, vitest),
 * the .ts file loaded through tsx's loader, registered in the thread first (a loader of the parent thread is
 * not the worker's, and `--import` in a worker's execArgv does not reach vitest's threads).
 */
function newWorker(): Worker {
  const js = new URL("./transcript.pdf.worker.js", import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js);
  // tsx's ESM API (its CommonJS build, which require.resolve finds, does not register from an ESM thread).
  const tsx = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/esm/api/index.mjs")).href;
  const ts = new URL("./transcript.pdf.worker.ts", import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(ts)}); })`, { eval: true });
}

export class PdfRenderPool {
  private readonly size: number;
  private readonly queueLimit: number;
  private readonly idleMs: number;
  private readonly slots: Slot[] = [];
  private readonly waiting: Pending[] = [];
  private nextId = 1;

  constructor(o: PdfPoolOptions = {}) {
    this.size = Math.max(1, o.size ?? (Number(process.env.PDF_WORKERS) || 2));
    this.queueLimit = Math.max(0, o.queue ?? this.size * 4);
    this.idleMs = o.idleMs ?? 60_000;
  }

  /** Documents rendering and waiting now. */
  stats(): { rendering: number; queued: number; threads: number } {
    return { rendering: this.slots.filter((s) => s.job).length, queued: this.waiting.length, threads: this.slots.length };
  }

  /** The PDF of a transcript, rendered in a thread; SERVICE_UNAVAILABLE when every thread is busy and the queue full. */
  render(transcript: Transcript, facts: DocumentFacts): Promise<Buffer> {
    const free = this.slots.find((s) => !s.job);
    if (!free && this.slots.length >= this.size && this.waiting.length >= this.queueLimit)
      return Promise.reject(
        new AppError(ErrorCode.SERVICE_UNAVAILABLE, "Too many transcript documents are being rendered; retry in a moment", { http: { status: 503, headers: new Map([["retry-after", "1"]]) } }),
      );
    return new Promise<Buffer>((resolve, reject) => {
      const p: Pending = { job: { id: this.nextId++, transcript, facts }, resolve, reject };
      const slot = free ?? (this.slots.length < this.size ? this.spawn() : undefined);
      if (slot) this.start(slot, p);
      else this.waiting.push(p);
    });
  }

  /** Ends every thread; documents in flight or waiting are refused. */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    for (const p of this.waiting.splice(0)) p.reject(new AppError(ErrorCode.SERVICE_UNAVAILABLE, "The server is stopping"));
    await Promise.all(slots.map((s) => this.end(s)));
  }

  private spawn(): Slot {
    const slot: Slot = { worker: newWorker() };
    slot.worker.unref();
    slot.worker.on("message", (m: RenderAnswer) => {
      const p = slot.job;
      if (!p || p.job.id !== m.id) return;
      slot.job = undefined;
      slot.worker.unref();
      if ("pdf" in m) p.resolve(Buffer.from(m.pdf.buffer, m.pdf.byteOffset, m.pdf.byteLength));
      else p.reject(new Error(`transcript PDF rendering failed: ${m.error}`));
      this.next(slot);
    });
    // A thread that dies (an uncaught error, out of memory) fails its document; the next one gets a new thread.
    let dead = false;
    const gone = (err: Error) => {
      if (dead) return; // "error" is followed by "exit"
      dead = true;
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      if (slot.idle) clearTimeout(slot.idle);
      slot.job?.reject(err);
      slot.job = undefined;
      const p = this.waiting.shift();
      if (p) this.start(this.spawn(), p);
    };
    slot.worker.on("error", gone);
    slot.worker.on("exit", (code) => gone(new Error(`transcript PDF thread exited with code ${code}`)));
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, p: Pending) {
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = undefined;
    slot.job = p;
    slot.worker.ref(); // a document in flight keeps the process up until it is answered
    slot.worker.postMessage(p.job);
  }

  private next(slot: Slot) {
    const p = this.waiting.shift();
    if (p) return this.start(slot, p);
    slot.idle = setTimeout(() => {
      const i = this.slots.indexOf(slot);
      if (i >= 0 && !slot.job) {
        this.slots.splice(i, 1);
        void this.end(slot);
      }
    }, this.idleMs).unref();
  }

  private async end(slot: Slot) {
    if (slot.idle) clearTimeout(slot.idle);
    slot.worker.removeAllListeners("exit");
    slot.worker.removeAllListeners("error");
    slot.job?.reject(new AppError(ErrorCode.SERVICE_UNAVAILABLE, "The server is stopping"));
    slot.job = undefined;
    await slot.worker.terminate();
  }
}

/** The process's pool, shared by every transcript download. */
export const transcriptPdfPool = new PdfRenderPool();
