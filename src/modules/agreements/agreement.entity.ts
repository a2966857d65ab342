import { sql } from "drizzle-orm";
import { ID } from "type-graphql";
import { entity, expr, extend, list, one, rootConnection } from "../../engine/entity.js";
import { PageArgsType } from "../../shared/connection.type.js";
import { Institution, Source } from "../institutions/institution.type.js";
import { AgreementFilter } from "./agreement.input.js";
import { agreementOrdering, agreementWhere } from "./agreement.service.js";
import { agreementFocusAreas, agreementParties, agreements } from "./agreement.table.js";
import { Agreement, AgreementConnection, AgreementParty, FocusArea } from "./agreement.type.js";

// Agreements and their parties: public (no scope).

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
      meta: { type: () => [AgreementParty], description: "The parties and their roles." },
    }),
    // In the enum's order (the order of the old loader: by area).
    focusAreas: expr<typeof agreements>(
      (t) => sql`array(select ${agreementFocusAreas.area} from ${agreementFocusAreas} where ${agreementFocusAreas.agreementId} = ${t.id} order by ${agreementFocusAreas.area})`,
      { type: () => [FocusArea], description: "Its focus areas." },
    ),
    source: one("Source", "sourceId", { type: () => Source, nullable: true, description: "The document that reports it." }),
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
    meta: { type: () => [Agreement], description: "Agreements this institution is party to, by id." },
  }),
});
