import { sql } from "drizzle-orm";
import { ID } from "type-graphql";
import { NonNegativeIntResolver } from "graphql-scalars";
import { column, connection, entity, expr, extend, list, one, rootConnection } from "../../engine/entity.js";
import { PageArgsType } from "../../shared/connection.type.js";
import { localizedNamesField } from "../../shared/localized.field.js";
import { institutions } from "../institutions/institution.table.js";
import { Institution } from "../institutions/institution.type.js";
import { CohortFilter, ProgramFilter } from "./program.input.js";
import { cohortOrdering, cohortWhere, programOrdering, programWhere } from "./program.service.js";
import { cohorts, programPartners, programs } from "./program.table.js";
import { Cohort, CohortConnection, Program, ProgramConnection } from "./program.type.js";

// Programs and cohorts: public (no scope). A relation field is declared with the type it returns
// (Institution.programs here).

const pageArgs = { argsType: () => PageArgsType };

entity({
  name: "Program",
  type: () => Program,
  table: programs,
  key: "id",
  node: true,
  fields: {
    names: localizedNamesField("titleEn", "Titles in every language held, English first."),
    host: one("Institution", "hostInstitutionId", { type: () => Institution, description: "The host institution." }),
    partners: list<typeof institutions>("Institution", {
      through: { table: programPartners, from: programPartners.programId, to: programPartners.institutionId },
      orderBy: (t) => [t.id],
      meta: { type: () => [Institution], description: "Partner institutions of a joint program (empty otherwise)." },
    }),
    joint: expr<typeof programs>((t) => sql`(exists (select 1 from ${programPartners} where ${programPartners.programId} = ${t.id}))`, {
      type: () => Boolean,
      description: "True when the program has partner institutions.",
    }),
    cohorts: connection<typeof cohorts>("Cohort", {
      via: "programId",
      ordering: cohortOrdering as never,
      meta: { type: () => CohortConnection, description: "Its cohorts, by intake year then id.", ...pageArgs },
    }),
  },
  roots: {
    programs: rootConnection<typeof programs>(
      programOrdering as never,
      { type: () => ProgramConnection, description: "Programs, by English title then id.", ...pageArgs, args: { filter: { type: () => ProgramFilter, nullable: true, description: "Which programs: every condition given must hold; none given, every program." } } },
      (t, args) => programWhere(t, args.filter as ProgramFilter | null),
    ),
    program: { kind: "byId", arg: "id", meta: { type: () => Program, nullable: true, description: "One program by id; null when there is none.", args: { id: { type: () => ID, description: "Global id." } } } },
  },
});

entity({
  name: "Cohort",
  type: () => Cohort,
  table: cohorts,
  key: "id",
  node: true,
  fields: {
    seatsTaken: column("seatsTaken", { type: () => NonNegativeIntResolver, description: "Students ENROLLED or ON_LEAVE: the seats taken." }),
    seatsLeft: expr<typeof cohorts>((t) => sql`greatest(0, ${t.capacity} - ${t.seatsTaken})`, { type: () => NonNegativeIntResolver, description: "Capacity less seats taken." }),
    program: one("Program", "programId", { type: () => Program, description: "The program of this intake." }),
  },
  roots: {
    cohorts: rootConnection<typeof cohorts>(
      cohortOrdering as never,
      { type: () => CohortConnection, description: "Cohorts, by intake year then id.", ...pageArgs, args: { filter: { type: () => CohortFilter, nullable: true, description: "Which cohorts: every condition given must hold; none given, every cohort." } } },
      (t, args) => cohortWhere(t, args.filter as CohortFilter | null),
    ),
    cohort: { kind: "byId", arg: "id", meta: { type: () => Cohort, nullable: true, description: "One cohort by id; null when there is none.", args: { id: { type: () => ID, description: "Global id." } } } },
  },
});

extend("Institution", {
  programs: connection<typeof programs>("Program", {
    via: "hostInstitutionId",
    ordering: programOrdering as never,
    meta: { type: () => ProgramConnection, description: "Programs this institution hosts, by title then id.", ...pageArgs },
  }),
  partnerPrograms: list<typeof programs>("Program", {
    through: { table: programPartners, from: programPartners.institutionId, to: programPartners.programId },
    orderBy: (t) => [t.id],
    meta: { type: () => [Program], description: "Joint programs in which this institution is a partner." },
  }),
});
