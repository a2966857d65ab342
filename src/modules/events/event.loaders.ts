import type { Context } from "../../context.js";
import { cooperationEventCountries, cooperationEventInstitutions, cooperationEvents } from "./event.table.js";

export type CooperationEventRow = typeof cooperationEvents.$inferSelect;
export type EventInstitutionRow = typeof cooperationEventInstitutions.$inferSelect;
export type EventCountryRow = typeof cooperationEventCountries.$inferSelect;

export const eventById = (ctx: Context) =>
  ctx.loaders.byKey<CooperationEventRow>("cooperationEvent", cooperationEvents, cooperationEvents.id, (r) => r.id);

export const institutionsOfEvent = (ctx: Context) =>
  ctx.loaders.listBy<EventInstitutionRow>(
    "eventInstitutions",
    cooperationEventInstitutions,
    cooperationEventInstitutions.eventId,
    (r) => r.eventId,
    [cooperationEventInstitutions.institutionId],
  );

export const countriesOfEvent = (ctx: Context) =>
  ctx.loaders.listBy<EventCountryRow>("eventCountries", cooperationEventCountries, cooperationEventCountries.eventId, (r) => r.eventId, [
    cooperationEventCountries.countryCode,
  ]);
