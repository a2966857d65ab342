import type { Db } from "./db/client.js";
import type { Viewer } from "./modules/auth/auth.roles.js";
import { Loaders } from "./shared/loaders.js";

export interface Context {
  db: Db;
  /** The request's one loader set. */
  loaders: Loaders;
  requestId: string;
  /** The verified caller; null when anonymous. */
  viewer: Viewer | null;
}

export function createContext(db: Db, requestId: string, viewer: Viewer | null = null): Context {
  return { db, loaders: new Loaders(db), requestId, viewer };
}
