import { sql } from "drizzle-orm";
import { ID } from "type-graphql";
import { entity, extend, list, one, rootConnection } from "../../engine/entity.js";
import { PageArgsType } from "../../shared/connection.type.js";
import { Agreement } from "../agreements/agreement.type.js";
import { Institution } from "../institutions/institution.type.js";
import { TelemedicineLinkFilter } from "./telemedicine.input.js";
import { telemedicineLinkOrdering, telemedicineLinkWhere } from "./telemedicine.service.js";
import { telemedicineLinks } from "./telemedicine.table.js";
import { TelemedicineLink, TelemedicineLinkConnection } from "./telemedicine.type.js";

// Telemedicine links: public (no scope).

entity({
  name: "TelemedicineLink",
  type: () => TelemedicineLink,
  table: telemedicineLinks,
  key: "id",
  node: true,
  fields: {
    xinjiangHospital: one("Institution", "xinjiangHospitalId", { type: () => Institution, description: "The hospital in Xinjiang." }),
    partnerHospital: one("Institution", "partnerHospitalId", { type: () => Institution, description: "The partner hospital abroad." }),
    agreement: one("Agreement", "agreementId", { type: () => Agreement, nullable: true, description: "The agreement that set up the link, where known." }),
  },
  roots: {
    telemedicineLinks: rootConnection<typeof telemedicineLinks>(
      telemedicineLinkOrdering as never,
      {
        type: () => TelemedicineLinkConnection,
        description: "Telemedicine links, by id (the order they were recorded in).",
        argsType: () => PageArgsType,
        args: { filter: { type: () => TelemedicineLinkFilter, nullable: true, description: "Which links: every condition given must hold; none given, every link." } },
      },
      (t, args) => telemedicineLinkWhere(t, args.filter as TelemedicineLinkFilter | null),
    ),
    telemedicineLink: {
      kind: "byId",
      arg: "id",
      meta: { type: () => TelemedicineLink, nullable: true, description: "One telemedicine link by id; null when there is none.", args: { id: { type: () => ID, description: "Global id." } } },
    },
  },
});

extend("Institution", {
  // Either end (the two ends differ, a check constraint: no link is listed twice).
  telemedicineLinks: list<typeof telemedicineLinks>("TelemedicineLink", {
    on: (t, parent) => sql`(${t.xinjiangHospitalId} = ${parent} or ${t.partnerHospitalId} = ${parent})`,
    orderBy: (t) => [t.id],
    meta: { type: () => [TelemedicineLink], description: "Telemedicine links with this hospital at either end, by id." },
  }),
});
