import { DateTimeResolver, LocalDateResolver, NonNegativeIntResolver } from "graphql-scalars";
import { Field, Int, ObjectType } from "type-graphql";
import { Connection } from "../../shared/connection.type.js";
import { graphqlEnum } from "../../shared/enum.js";
import { Node } from "../../shared/node.type.js";
import { programLevel } from "./program.table.js";

export const ProgramLevel = graphqlEnum(programLevel.enumValues, "ProgramLevel", "Level of a program.", { BACHELOR: "Undergraduate degree.", DOCTORATE: "Doctoral degree.", FOUNDATION: "Foundation or preparatory year.", MASTER: "Master's degree.", NON_DEGREE: "A course that leads to no degree.", RESIDENCY: "Medical residency (clinical training)." });

@ObjectType("Program", {
  implements: Node,
  description: "A degree or non-degree program hosted by one institution; a joint program also has partner institutions.",
})
export class Program extends Node {
  hostInstitutionId!: number;
  agreementId!: number | null;
  names!: Record<string, string>;

  @Field(() => String, { description: "Stable short code, unique." })
  code!: string;

  @Field(() => String, { description: "English title." })
  titleEn!: string;

  @Field(() => ProgramLevel, { description: "Level." })
  level!: string;

  @Field(() => String, {
    description: "ISCED-F 2013 detailed field (four digits), e.g. 0917 traditional and complementary medicine and therapy.",
  })
  iscedField!: string;

  @Field(() => Int, { description: "Length in years." })
  lengthYears!: number;

  @Field(() => [String], { description: "Teaching languages (ISO 639-1)." })
  teachingLanguages!: string[];

  @Field(() => Int, { description: "Year of the first intake." })
  launchYear!: number;

  @Field(() => String, { nullable: true, description: "Short description." })
  description!: string | null;

  @Field(() => Boolean, { description: "True when the sources do not describe this program and it stands in for programs they count." })
  illustrative!: boolean;

  @Field(() => DateTimeResolver, { description: "When the record was created." })
  createdAt!: Date;
}

@ObjectType("Cohort", { implements: Node, description: "One intake of a program, e.g. TCM 2024." })
export class Cohort extends Node {
  programId!: number;

  @Field(() => String, { description: "Name, e.g. \"TCM 2024\"." })
  name!: string;

  @Field(() => Int, { description: "Year of intake." })
  intakeYear!: number;

  @Field(() => NonNegativeIntResolver, { description: "Most students ENROLLED or ON_LEAVE at once." })
  capacity!: number;

  @Field(() => LocalDateResolver, { description: "First day of studies." })
  startDate!: string;

  @Field(() => LocalDateResolver, { description: "Expected graduation." })
  expectedGraduation!: string;

  @Field(() => Int, { description: "Current year of study of the cohort (1 = first year)." })
  currentYearOfStudy!: number;

  @Field(() => DateTimeResolver, { description: "When the record was created." })
  createdAt!: Date;
}

export const ProgramConnection = Connection(Program, "Program");
export const CohortConnection = Connection(Cohort, "Cohort");
