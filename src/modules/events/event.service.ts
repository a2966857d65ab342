import { and, eq, gte, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import { checkRange } from "../../shared/args.js";
import { fromGlobalId } from "../../shared/global-id.js";
import type { Ordering } from "../../shared/pagination.js";
import { institutions } from "../institutions/institution.table.js";
import type { CooperationEventFilter } from "./event.input.js";
import { cooperationEventCountries, cooperationEventInstitutions, cooperationEvents, type CooperationEventRow } from "./event.table.js";

/** Events are listed by date, then id. */
export const eventOrdering: Ordering<CooperationEventRow> = {
  name: "cooperationEvent.date",
  columns: [cooperationEvents.occurredOn, cooperationEvents.id],
  key: (r) => [r.occurredOn, r.id],
};

export function eventWhere(t: typeof cooperationEvents, f: CooperationEventFilter | null | undefined, path = "filter"): SQL | undefined {
  if (!f) return undefined;
  const conds: (SQL | undefined)[] = [];
  if (f.kinds?.length) conds.push(inArray(t.kind, f.kinds as CooperationEventRow["kind"][]));
  if (f.countryCode != null)
    conds.push(
      or(
        inArray(
          t.id,
          sql`(select ${cooperationEventCountries.eventId} from ${cooperationEventCountries} where ${cooperationEventCountries.countryCode} = ${f.countryCode})`,
        ),
        inArray(
          t.id,
          sql`(select ${cooperationEventInstitutions.eventId} from ${cooperationEventInstitutions} join ${institutions} on ${institutions.id} = ${cooperationEventInstitutions.institutionId} where ${institutions.countryCode} = ${f.countryCode})`,
        ),
      ),
    );
  if (f.institutionId != null) {
    const id = fromGlobalId(f.institutionId, "Institution", `${path}.institutionId`);
    conds.push(
      inArray(
        t.id,
        sql`(select ${cooperationEventInstitutions.eventId} from ${cooperationEventInstitutions} where ${eq(cooperationEventInstitutions.institutionId, id)})`,
      ),
    );
  }
  checkRange(f.from, f.to, `${path}.to`);
  if (f.from != null) conds.push(gte(t.occurredOn, f.from));
  if (f.to != null) conds.push(lte(t.occurredOn, f.to));
  return and(...conds);
}
