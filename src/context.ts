import type { Db } from "./db/client.js";
import type { Viewer } from "./modules/auth/auth.roles.js";
import type { ChangeHub } from "./modules/changes/change.hub.js";
import { Loaders } from "./shared/loaders.js";

export interface Context {
  db: Db;
  /** The request's one loader set. */
  loaders: Loaders;
  requestId: string;
  /** The verified caller; null when anonymous. */
  viewer: Viewer | null;
  /** Whose query budget pays: the token's subject, or the client address for anonymous callers. */
  callerKey: string;
  /** Read nested relations in one statement where the planner can (shared/prefetch.ts); SQL_PREFETCH. */
  prefetch: boolean;
  /** The process's change hub (WebSocket subscriptions only). */
  changes?: ChangeHub;
}

export function createContext(db: Db, requestId: string, viewer: Viewer | null = null, clientAddress = "local", opts: { prefetch?: boolean } = {}): Context {
  return {
    db,
    loaders: new Loaders(db),
    requestId,
    viewer,
    callerKey: viewer ? `sub:${viewer.subject}` : `ip:${clientAddress}`,
    prefetch: opts.prefetch ?? true,
  };
}
