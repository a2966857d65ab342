import { CountryCodeResolver, LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { LocalizedNameInput } from "../../shared/localized.type.js";
import { IdentifierScheme, InstitutionKind } from "./institution.type.js";

const KEY = "Retrying with the same key returns the first result and writes nothing more.";

@InputType("InstitutionIdentifierInput", { description: "An identifier of the institution in an external register." })
export class InstitutionIdentifierInput {
  @Field(() => IdentifierScheme, { description: "The register." })
  scheme!: string;

  @Field(() => String, {
    description: "ROR id (0 and 8 characters, or its https://ror.org/ URL), Wikidata Q-id, ISNI (16 digits), SCHAC home organisation (a domain), or a national code.",
  })
  value!: string;
}

@InputType("CreateInstitutionInput", { description: "A new institution (platform admins: institutions are shared reference data)." })
export class CreateInstitutionInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => String, { description: "Unique short name: 2–80 lower-case letters, digits and hyphens." })
  slug!: string;

  @Field(() => InstitutionKind, { description: "What kind of institution it is; a BRANCH_CAMPUS needs a parent." })
  kind!: string;

  @Field(() => String, { description: "English name, 1–300 characters." })
  nameEn!: string;

  @Field(() => [LocalizedNameInput], { nullable: true, description: "Names in other languages and scripts." })
  names?: LocalizedNameInput[] | null;

  @Field(() => CountryCodeResolver, { description: "Its country (ISO 3166-1 alpha-2)." })
  countryCode!: string;

  @Field(() => String, { nullable: true, description: "City." })
  city?: string | null;

  @Field(() => String, { nullable: true, description: "Web site (http or https URL)." })
  website?: string | null;

  @Field(() => ID, { nullable: true, description: "The university of a branch campus or hospital; the host of a centre." })
  parentId?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Founding date." })
  foundedOn?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Runs an international medical service department (default false)." })
  internationalDepartment?: boolean | null;

  @Field(() => [InstitutionIdentifierInput], { nullable: true, description: "Identifiers, at most one per register." })
  identifiers?: InstitutionIdentifierInput[] | null;
}

@InputType("UpdateInstitutionInput", {
  description: "Changes to an institution; fields left out stay as they are. Its own admins may change names, city, web site, department and identifiers; kind, parent and country are platform admins'.",
})
export class UpdateInstitutionInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The institution." })
  institutionId!: string;

  @Field(() => String, { nullable: true, description: "New English name." })
  nameEn?: string | null;

  @Field(() => [LocalizedNameInput], { nullable: true, description: "Replaces the names in other languages." })
  names?: LocalizedNameInput[] | null;

  @Field(() => String, { nullable: true, description: "New city." })
  city?: string | null;

  @Field(() => String, { nullable: true, description: "New web site." })
  website?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Whether it runs an international medical service department." })
  internationalDepartment?: boolean | null;

  @Field(() => [InstitutionIdentifierInput], { nullable: true, description: "Replaces the identifiers." })
  identifiers?: InstitutionIdentifierInput[] | null;

  @Field(() => InstitutionKind, { nullable: true, description: "New kind (platform admins)." })
  kind?: string | null;

  @Field(() => ID, { nullable: true, description: "New parent (platform admins); not itself nor one of its descendants." })
  parentId?: string | null;

  @Field(() => CountryCodeResolver, { nullable: true, description: "New country (platform admins)." })
  countryCode?: string | null;
}

@InputType("DeactivateInstitutionInput", {
  description: "Marks an institution inactive from a date (platform admins). Institutions are never deleted: programs, agreements, people and figures keep pointing at them.",
})
export class DeactivateInstitutionInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The institution." })
  institutionId!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: "From this day (default today)." })
  on?: string | null;

  @Field(() => String, { description: "Why, 1–500 characters (kept in the audit trail)." })
  reason!: string;
}

@ObjectType("InstitutionPayload", { description: "The changed institution." })
export class InstitutionPayload {
  institutionId!: number;
}
