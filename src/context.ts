import type { Db } from "./db/client.js";
import { Loaders } from "./shared/loaders.js";

export interface Context {
  db: Db;
  /** The request's one loader set. */
  loaders: Loaders;
  requestId: string;
}

export function createContext(db: Db, requestId: string): Context {
  return { db, loaders: new Loaders(db), requestId };
}
