import { sql } from "drizzle-orm";
import { ID } from "type-graphql";
import { connection, entity, expr, extend, list, one, rootConnection, type FieldMeta } from "../../engine/entity.js";
import { PageArgsType } from "../../shared/connection.type.js";
import { Country, Institution } from "../institutions/institution.type.js";
import { DispatchFilter, ExpertFilter } from "./expert.input.js";
import { dispatchOrdering, dispatchWhere, expertOrdering, expertWhere } from "./expert.service.js";
import { dispatches, dispatchMembers, dispatchPurposes, experts } from "./expert.table.js";
import { Dispatch, DispatchConnection, DispatchMember, DispatchPurpose, Expert, ExpertConnection } from "./expert.type.js";

// Experts, dispatches and dispatch teams: public reference data (no scope). Changes authorize in
// dispatch.service.ts.

const pageArgs = { argsType: () => PageArgsType };
const byId = (type: () => unknown, what: string): FieldMeta => ({ type, nullable: true, description: `One ${what} by id; null when there is none.`, args: { id: { type: () => ID, description: "Global id." } } });

entity({
  name: "Expert",
  type: () => Expert,
  table: experts,
  key: "id",
  node: true,
  fields: {
    homeInstitution: one("Institution", "homeInstitutionId", { type: () => Institution, description: "The institution the expert works at." }),
    dispatches: connection<typeof dispatches>("Dispatch", {
      through: { table: dispatchMembers, from: dispatchMembers.expertId, to: dispatchMembers.dispatchId },
      ordering: dispatchOrdering as never,
      meta: { type: () => DispatchConnection, description: "Dispatches the expert was (or is to be) on, any status, by start date then id.", ...pageArgs },
    }),
  },
  roots: {
    experts: rootConnection<typeof experts>(
      expertOrdering as never,
      { type: () => ExpertConnection, description: "Experts, by family name, given names, then id.", ...pageArgs, args: { filter: { type: () => ExpertFilter, nullable: true, description: "Which experts: every condition given must hold; none given, every expert." } } },
      (t, args) => expertWhere(t, args.filter as ExpertFilter | null),
    ),
    expert: { kind: "byId", arg: "id", meta: byId(() => Expert, "expert") },
  },
});

entity({
  name: "Dispatch",
  type: () => Dispatch,
  table: dispatches,
  key: "id",
  node: true,
  fields: {
    purposes: expr<typeof dispatches>(
      (t) => sql`array(select ${dispatchPurposes.purpose} from ${dispatchPurposes} where ${dispatchPurposes.dispatchId} = ${t.id} order by ${dispatchPurposes.purpose})`,
      { type: () => [DispatchPurpose], description: "What the dispatch was sent to do (one or more)." },
    ),
    team: list<typeof dispatchMembers>("DispatchMember", {
      via: "dispatchId",
      orderBy: (t) => [t.role, t.expertId],
      meta: { type: () => [DispatchMember], description: "The team, leader first." },
    }),
    hostInstitution: one("Institution", "hostInstitutionId", { type: () => Institution, description: "The institution that received the team." }),
    sendingInstitution: one("Institution", "sendingInstitutionId", { type: () => Institution, description: "The institution that sent the team." }),
    country: one("Country", "countryCode", { type: () => Country, description: "The host institution's country." }),
  },
  roots: {
    dispatches: rootConnection<typeof dispatches>(
      dispatchOrdering as never,
      { type: () => DispatchConnection, description: "Dispatches, by start date then id.", ...pageArgs, args: { filter: { type: () => DispatchFilter, nullable: true, description: "Which dispatches: every condition given must hold; none given, every dispatch." } } },
      (t, args) => dispatchWhere(t, args.filter as DispatchFilter | null),
    ),
    dispatch: { kind: "byId", arg: "id", meta: byId(() => Dispatch, "dispatch") },
  },
});

// A row of dispatch_members (keyed by dispatch and expert: no key of its own), read under its dispatch.
entity({
  name: "DispatchMember",
  type: () => DispatchMember,
  table: dispatchMembers,
  node: false,
  fields: { expert: one("Expert", "expertId", { type: () => Expert, description: "The expert." }) },
});

// Expert and dispatch lists on Institution (relation fields live in the module of the type they return).
extend("Institution", {
  experts: connection<typeof experts>("Expert", {
    via: "homeInstitutionId",
    ordering: expertOrdering as never,
    meta: { type: () => ExpertConnection, description: "Experts whose home institution this is, by family name, given names, then id.", ...pageArgs },
  }),
  dispatchesHosted: connection<typeof dispatches>("Dispatch", {
    via: "hostInstitutionId",
    ordering: dispatchOrdering as never,
    meta: { type: () => DispatchConnection, description: "Dispatches this institution received, by start date then id.", ...pageArgs },
  }),
  dispatchesSent: connection<typeof dispatches>("Dispatch", {
    via: "sendingInstitutionId",
    ordering: dispatchOrdering as never,
    meta: { type: () => DispatchConnection, description: "Dispatches this institution sent, by start date then id.", ...pageArgs },
  }),
});
