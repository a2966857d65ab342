import DataLoader from "dataloader";
import { and, inArray, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../db/client.js";
import { anyOf, selectRows } from "../db/rows.js";

/**
 * The one loader set of a request. Loaders are made on first use and named by what they load (and,
 * for lists with arguments, by the arguments), so every resolver asking the same thing in one request
 * shares one batch. Nothing is cached across requests.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  constructor(private readonly db: Db) {}

  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 }) as DataLoader<unknown, unknown>;
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }

  /** Rows by a unique column (null for a missing key, as DataLoader's README asks). */
  byKey<Row, K extends string | number = number>(name: string, table: PgTable, column: PgColumn, keyOf: (row: Row) => K) {
    return this.get<K, Row | null>(`byKey:${name}`, async (keys) => {
      const rows = await selectRows<Row>(this.db, table, sql`where ${keysIn(column, keys)}`);
      const m = new Map(rows.map((r) => [keyOf(r), r]));
      return keys.map((k) => m.get(k) ?? null);
    });
  }

  /** All rows under each parent, in the order given (small lists: parties, team members, milestones). */
  listBy<Row>(name: string, table: PgTable, column: PgColumn, keyOf: (row: Row) => number, orderBy: PgColumn[], where?: SQL) {
    return this.get<number, Row[]>(`listBy:${name}`, async (keys) => {
      const rows = await selectRows<Row>(this.db, table, sql`where ${and(anyOf(column, keys), where)} order by ${sql.join(orderBy, sql`, `)}`);
      const m = new Map<number, Row[]>();
      for (const r of rows) {
        const k = keyOf(r);
        let list = m.get(k);
        if (!list) m.set(k, (list = []));
        list.push(r);
      }
      return keys.map((k) => m.get(k) ?? []);
    });
  }
}

/** Integer keys as one array parameter; the few text keys (country codes) as a plain IN list. */
function keysIn(column: PgColumn, keys: readonly (string | number)[]): SQL {
  return typeof keys[0] === "number" ? anyOf(column, keys as number[]) : inArray(column, [...keys]);
}
