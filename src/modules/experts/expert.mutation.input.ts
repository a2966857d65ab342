import { LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType, ObjectType } from "type-graphql";

const KEY = "Retrying with the same key returns the first result and writes nothing more.";

@InputType("CreateExpertInput", { description: "A new expert of an institution (its expert coordinators and admins)." })
export class CreateExpertInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => String, { description: "Family name, 1–200 characters." })
  familyName!: string;

  @Field(() => String, { description: "Given names, 1–200 characters." })
  givenNames!: string;

  @Field(() => String, { description: "Specialty, 1–200 characters, e.g. \"Hepatobiliary surgery\"." })
  specialty!: string;

  @Field(() => ID, { description: "Home institution (active)." })
  homeInstitutionId!: string;
}

@InputType("UpdateExpertInput", { description: "Changes to an expert; fields left out stay as they are. A new home institution must be one the caller also manages." })
export class UpdateExpertInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The expert." })
  expertId!: string;

  @Field(() => String, { nullable: true, description: "New family name." })
  familyName?: string | null;

  @Field(() => String, { nullable: true, description: "New given names." })
  givenNames?: string | null;

  @Field(() => String, { nullable: true, description: "New specialty." })
  specialty?: string | null;

  @Field(() => ID, { nullable: true, description: "New home institution." })
  homeInstitutionId?: string | null;
}

@InputType("DeactivateExpertInput", { description: "Marks an expert inactive from a date: no new dispatches or projects; past ones keep the expert." })
export class DeactivateExpertInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The expert." })
  expertId!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: "From this day (default today)." })
  on?: string | null;
}

@ObjectType("ExpertPayload", { description: "The changed expert." })
export class ExpertPayload {
  expertId!: number;
}
