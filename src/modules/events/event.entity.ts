import { ID } from "type-graphql";
import { entity, list, one, rootConnection } from "../../engine/entity.js";
import { PageArgsType } from "../../shared/connection.type.js";
import type { countries } from "../institutions/country.table.js";
import type { institutions } from "../institutions/institution.table.js";
import { Country, Institution, Source } from "../institutions/institution.type.js";
import { CooperationEventFilter } from "./event.input.js";
import { eventOrdering, eventWhere } from "./event.service.js";
import { cooperationEventCountries, cooperationEventInstitutions, cooperationEvents } from "./event.table.js";
import { CooperationEvent, CooperationEventConnection } from "./event.type.js";

// Cooperation events: public (no scope).

entity({
  name: "CooperationEvent",
  type: () => CooperationEvent,
  table: cooperationEvents,
  key: "id",
  node: true,
  fields: {
    source: one("Source", "sourceId", { type: () => Source, nullable: true, description: "The document that reports it, where recorded." }),
    institutions: list<typeof institutions>("Institution", {
      through: { table: cooperationEventInstitutions, from: cooperationEventInstitutions.eventId, to: cooperationEventInstitutions.institutionId },
      orderBy: (t) => [t.id],
      meta: { type: () => [Institution], description: "Institutions involved, by id." },
    }),
    countries: list<typeof countries>("Country", {
      through: { table: cooperationEventCountries, from: cooperationEventCountries.eventId, to: cooperationEventCountries.countryCode },
      orderBy: (t) => [t.code],
      meta: { type: () => [Country], description: "Countries involved, by code." },
    }),
  },
  roots: {
    cooperationEvents: rootConnection<typeof cooperationEvents>(
      eventOrdering as never,
      {
        type: () => CooperationEventConnection,
        description: "Cooperation events, by date then id.",
        argsType: () => PageArgsType,
        args: { filter: { type: () => CooperationEventFilter, nullable: true, description: "Which events: every condition given must hold; none given, every event." } },
      },
      (t, args) => eventWhere(t, args.filter as CooperationEventFilter | null),
    ),
    cooperationEvent: {
      kind: "byId",
      arg: "id",
      meta: { type: () => CooperationEvent, nullable: true, description: "One cooperation event by id; null when there is none.", args: { id: { type: () => ID, description: "Global id." } } },
    },
  },
});
