import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "drizzle-orm/logger";

/** What belongs to one request wherever its async work goes: its id and its SQL statement count. */
export interface RequestStore {
  requestId: string;
  statements: number;
}

const store = new AsyncLocalStorage<RequestStore>();

export function runInRequest<T>(req: RequestStore, fn: () => T): T {
  return store.run(req, fn);
}

export function currentRequest(): RequestStore | undefined {
  return store.getStore();
}

// drizzle calls logQuery synchronously inside the caller's async context, so the store is the request's.
export const countingLogger: Logger = {
  logQuery() {
    const req = store.getStore();
    if (req) req.statements++;
  },
};
