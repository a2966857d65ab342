import { sql } from "drizzle-orm";
import { LocalDateResolver } from "graphql-scalars";
import { ID } from "type-graphql";
import { connection, entity, expr, extend, js, list, one, rootConnection } from "../../engine/entity.js";
import { checkDate } from "../../shared/args.js";
import { PageArgsType } from "../../shared/connection.type.js";
import type { Ordering } from "../../shared/pagination.js";
import { Institution, Source } from "../institutions/institution.type.js";
import { AgreementFilter } from "./agreement.input.js";
import { agreementOrdering, agreementWhere } from "./agreement.service.js";
import type { VersionContent } from "./agreement-version.content.js";
import { governsOn } from "./agreement-version.sql.js";
import { AgreementVersion, AgreementVersionApproval, AgreementVersionConnection, AgreementVersionParty, AgreementVersionStatus, versionTermFields } from "./agreement-version.type.js";
import { agreementFocusAreas, agreementParties, agreementVersionApprovals, agreementVersions, agreements } from "./agreement.table.js";
import { Agreement, AgreementConnection, AgreementParty, FocusArea } from "./agreement.type.js";

// Agreements and their parties: public (no scope).

/** An agreement's versions by number (unique per agreement; the id after it keeps the key unique anyway). */
const versionOrdering: Ordering<typeof agreementVersions.$inferSelect> = {
  name: "agreementVersion.number",
  columns: [agreementVersions.number, agreementVersions.id],
  key: (r) => [r.number, r.id],
};

entity({
  name: "Agreement",
  type: () => Agreement,
  table: agreements,
  key: "id",
  node: true,
  fields: {
    parties: list<typeof agreementParties>("AgreementParty", {
      via: "agreementId",
      orderBy: (t) => [t.role, t.institutionId],
      meta: { type: () => [AgreementParty], description: "The parties and their roles, under the terms in force now (termsOn(date:) for another day)." },
    }),
    // In the enum's order (the order of the old loader: by area).
    focusAreas: expr<typeof agreements>(
      (t) => sql`array(select ${agreementFocusAreas.area} from ${agreementFocusAreas} where ${agreementFocusAreas.agreementId} = ${t.id} order by ${agreementFocusAreas.area})`,
      { type: () => [FocusArea], description: "Its focus areas, under the terms in force now." },
    ),
    source: one("Source", "sourceId", { type: () => Source, nullable: true, description: "The document that reports it." }),
    versions: list<typeof agreementVersions>("AgreementVersion", {
      via: "agreementId",
      orderBy: (t) => [t.number],
      meta: {
        type: () => [AgreementVersion],
        description: "Every version of its terms, proposed, in force or superseded, by number, unpaged (priced as 10 versions; an answer holding more is charged the difference).",
        deprecationReason: "Use versionHistory: the same versions in the same order, paged. Removal after 2027-06-30.",
      },
    }),
    versionHistory: connection<typeof agreementVersions>("AgreementVersion", {
      via: "agreementId",
      ordering: versionOrdering as never,
      meta: {
        type: () => AgreementVersionConnection,
        description: "Every version of its terms, proposed, in force or superseded, by number (a Relay connection: 20 a page unless asked, at most 100).",
        argsType: () => PageArgsType,
      },
    }),
    currentVersion: one("AgreementVersion", "currentVersionId", {
      type: () => AgreementVersion,
      nullable: true,
      description: "The version in force: the terms above are its content. Null until every party has approved a first version.",
    }),
    termsOn: one<typeof agreementVersions>(
      "AgreementVersion",
      "id",
      {
        type: () => AgreementVersion,
        nullable: true,
        description:
          "The version whose terms govern a day, the terms programs, quotas and reports follow for it: the version in force at the end of that day (UTC); for a day before the first version came into force, that first version (in force on no such day: filter.inForceOn leaves the agreement out); while no version has come into force, version 1, proposed (the agreement's own terms).",
        args: { date: { type: () => LocalDateResolver, description: "The day." } },
      },
      { to: "agreementId", where: (t, args, path) => governsOn(t, sql`${checkDate(args.date as string, `${path}.date`)}`) },
    ),
  },
  roots: {
    agreements: rootConnection<typeof agreements>(
      agreementOrdering as never,
      {
        type: () => AgreementConnection,
        description: "Agreements, by id (the order they were recorded in).",
        argsType: () => PageArgsType,
        args: { filter: { type: () => AgreementFilter, nullable: true, description: "Which agreements: every condition given must hold; none given, every agreement." } },
      },
      (t, args) => agreementWhere(t, args.filter as AgreementFilter | null),
    ),
    agreement: {
      kind: "byId",
      arg: "id",
      meta: { type: () => Agreement, nullable: true, description: "One agreement by id; null when there is none.", args: { id: { type: () => ID, description: "Global id." } } },
    },
  },
});

// A row of the link table (agreement, institution): read only under its agreement.
entity({
  name: "AgreementParty",
  type: () => AgreementParty,
  table: agreementParties,
  node: false,
  fields: { institution: one("Institution", "institutionId", { type: () => Institution, description: "The institution." }) },
});

extend("Program", {
  agreement: one("Agreement", "agreementId", { type: () => Agreement, nullable: true, description: "The agreement that founded the program." }),
});

extend("Institution", {
  agreements: list<typeof agreements>("Agreement", {
    through: { table: agreementParties, from: agreementParties.institutionId, to: agreementParties.agreementId },
    orderBy: (t) => [t.id],
    meta: { type: () => [Agreement], description: "Agreements this institution is party to under their terms in force now, by id (agreements(filter: { institutionId, inForceOn }) for another day)." },
  }),
});

// The versions of an agreement's terms, public as agreements are. Their content's terms are read from the
// content (jsonb) itself, so what is shown is what is hashed.
entity({
  name: "AgreementVersion",
  type: () => AgreementVersion,
  table: agreementVersions,
  key: "id",
  node: true,
  fields: {
    agreement: one("Agreement", "agreementId", { type: () => Agreement, description: "The agreement." }),
    status: expr<typeof agreementVersions>(
      (t) => sql`(case when ${t.supersededAt} is not null then 'SUPERSEDED' when ${t.inForceFrom} is not null then 'IN_FORCE' else 'PROPOSED' end)`,
      { type: () => AgreementVersionStatus, description: "Proposed, in force or superseded." },
    ),
    canonicalContent: expr<typeof agreementVersions>((t) => sql`${t.content}::text`, {
      type: () => String,
      description: "The content as hashed: a JSON document (PostgreSQL's jsonb rendering: keys sorted). SHA-256 of its UTF-8 bytes is contentHash.",
    }),
    parties: js<{ content: VersionContent | string }>(
      ["content"],
      (row) => (typeof row.content === "string" ? (JSON.parse(row.content) as VersionContent) : row.content).parties,
      { type: () => [AgreementVersionParty], description: "The parties and their roles under this version, by institution id." },
    ),
    focusAreas: expr<typeof agreementVersions>((t) => sql`array(select jsonb_array_elements_text(${t.content}->'focusAreas'))`, { type: () => [FocusArea], description: "Its focus areas under this version." }),
    placesPerYear: expr<typeof agreementVersions>((t) => sql`(${t.content}->>'placesPerYear')::int`, { ...versionTermFields.placesPerYear, nullable: true }, true),
    validFrom: expr<typeof agreementVersions>((t) => sql`(${t.content}->>'validFrom')::date`, { ...versionTermFields.validFrom, nullable: true }, true),
    validUntil: expr<typeof agreementVersions>((t) => sql`(${t.content}->>'validUntil')::date`, { ...versionTermFields.validUntil, nullable: true }, true),
    summary: expr<typeof agreementVersions>((t) => sql`${t.content}->>'summary'`, { ...versionTermFields.summary, nullable: true }, true),
    proposedBy: one("Institution", "proposedByInstitutionId", { type: () => Institution, nullable: true, description: "The party whose admin proposed it; null for a version recorded from existing data or by a platform admin." }),
    approvals: list<typeof agreementVersionApprovals>("AgreementVersionApproval", {
      via: "versionId",
      orderBy: (t) => [t.approvedAt, t.id],
      meta: { type: () => [AgreementVersionApproval], description: "Approvals given, standing and withdrawn, in the order given." },
    }),
  },
});

entity({
  name: "AgreementVersionApproval",
  type: () => AgreementVersionApproval,
  table: agreementVersionApprovals,
  key: "id",
  node: true,
  fields: {
    institution: one("Institution", "institutionId", { type: () => Institution, description: "The party that approved." }),
    version: one("AgreementVersion", "versionId", { type: () => AgreementVersion, description: "The version approved." }),
  },
});
