import { DateTimeResolver } from "graphql-scalars";
import { Field, ObjectType } from "type-graphql";
import { graphqlEnum } from "../../shared/enum.js";
import { personalField } from "./student-correction.table.js";

export const PersonalField = graphqlEnum(personalField.enumValues, "PersonalField", "A correctable field of a student's personal data.", {
  FAMILY_NAME: "Family name as in the passport.",
  GIVEN_NAMES: "Given names as in the passport.",
  FAMILY_NAME_LATIN: "Family name in Latin letters.",
  GIVEN_NAMES_LATIN: "Given names in Latin letters.",
  DATE_OF_BIRTH: "Date of birth.",
  PASSPORT_NUMBER: "Passport number.",
  EMAIL: "E-mail address.",
});

@ObjectType("StudentCorrection", { description: "One corrected field of a student's personal data, with the value it replaced." })
export class StudentCorrection {
  correctedByInstitutionId!: number | null;

  @Field(() => PersonalField, { description: "The field." })
  field!: string;

  @Field(() => String, { nullable: true, description: "The value before the correction (a renewed passport's old number)." })
  oldValue!: string | null;

  @Field(() => String, { nullable: true, description: "The value after it." })
  newValue!: string | null;

  @Field(() => String, { description: "Why." })
  reason!: string;

  @Field(() => String, { description: "Subject of the account that corrected it." })
  correctedBy!: string;

  @Field(() => DateTimeResolver, { description: "When." })
  correctedAt!: Date;
}
