import { and, eq, gte, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import type { Context } from "../../context.js";
import { checkRange } from "../../shared/args.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { paginate, type Ordering, type PageArgs } from "../../shared/pagination.js";
import { institutions } from "../institutions/institution.table.js";
import type { CooperationEventFilter } from "./event.input.js";
import type { CooperationEventRow } from "./event.loaders.js";
import { cooperationEventCountries, cooperationEventInstitutions, cooperationEvents } from "./event.table.js";

/** Events are listed by date, then id. */
export const eventOrdering: Ordering<CooperationEventRow> = {
  name: "cooperationEvent.date",
  columns: [cooperationEvents.occurredOn, cooperationEvents.id],
  key: (r) => [r.occurredOn, r.id],
};

export function eventWhere(f: CooperationEventFilter | null | undefined, path = "filter"): SQL | undefined {
  if (!f) return undefined;
  const conds: (SQL | undefined)[] = [];
  if (f.kinds?.length) conds.push(inArray(cooperationEvents.kind, f.kinds as CooperationEventRow["kind"][]));
  if (f.countryCode != null)
    conds.push(
      or(
        inArray(
          cooperationEvents.id,
          sql`(select ${cooperationEventCountries.eventId} from ${cooperationEventCountries} where ${cooperationEventCountries.countryCode} = ${f.countryCode})`,
        ),
        inArray(
          cooperationEvents.id,
          sql`(select ${cooperationEventInstitutions.eventId} from ${cooperationEventInstitutions} join ${institutions} on ${institutions.id} = ${cooperationEventInstitutions.institutionId} where ${institutions.countryCode} = ${f.countryCode})`,
        ),
      ),
    );
  if (f.institutionId != null) {
    const id = fromGlobalId(f.institutionId, "Institution", `${path}.institutionId`);
    conds.push(
      inArray(
        cooperationEvents.id,
        sql`(select ${cooperationEventInstitutions.eventId} from ${cooperationEventInstitutions} where ${eq(cooperationEventInstitutions.institutionId, id)})`,
      ),
    );
  }
  checkRange(f.from, f.to, `${path}.to`);
  if (f.from != null) conds.push(gte(cooperationEvents.occurredOn, f.from));
  if (f.to != null) conds.push(lte(cooperationEvents.occurredOn, f.to));
  return and(...conds);
}

export function listEvents(ctx: Context, args: PageArgs, filter?: CooperationEventFilter | null) {
  return paginate(ctx.db, { table: cooperationEvents, ordering: eventOrdering, where: eventWhere(filter), args });
}
