import type { DocumentNode } from "graphql";
import type { Db } from "./db/client.js";
import type { Viewer } from "./modules/auth/auth.roles.js";
import type { ChangeHub } from "./modules/changes/change.hub.js";
import { Loaders } from "./shared/loaders.js";
import type { OperationCache } from "./shared/operation-cache.js";

/**
 * How the read engine answers (src/engine): "whole" writes a query's whole response in PostgreSQL when it
 * can, else as "inline"; "inline" reads each root field's tree in one statement; "batched" reads one
 * statement per level. READ_STRATEGY; the differential test runs all three.
 */
export type ReadStrategy = "whole" | "inline" | "batched";

export interface ReadState {
  strategy: ReadStrategy;
  /** The operation's document and the cache its plans are kept in (set by the executor). */
  document?: DocumentNode;
  cache?: OperationCache;
  /** The request's variables as JSON: part of every plan's cache slot. */
  variables: string;
}

export interface Context {
  db: Db;
  /** The request's one loader set. */
  loaders: Loaders;
  requestId: string;
  /** The verified caller; null when anonymous. */
  viewer: Viewer | null;
  /** Whose query budget pays: the token's subject, or the client address for anonymous callers. */
  callerKey: string;
  read: ReadState;
  /** The process's change hub (WebSocket subscriptions only). */
  changes?: ChangeHub;
}

export function createContext(db: Db, requestId: string, viewer: Viewer | null = null, clientAddress = "local", opts: { strategy?: ReadStrategy } = {}): Context {
  return {
    db,
    loaders: new Loaders(db),
    requestId,
    viewer,
    callerKey: viewer ? `sub:${viewer.subject}` : `ip:${clientAddress}`,
    read: { strategy: opts.strategy ?? "whole", variables: "{}" },
  };
}
