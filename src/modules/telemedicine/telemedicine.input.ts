import { CountryCodeResolver } from "graphql-scalars";
import { Field, ID, InputType } from "type-graphql";

@InputType("TelemedicineLinkFilter", { description: "Filters on telemedicine links; all given ones must hold." })
export class TelemedicineLinkFilter {
  @Field(() => CountryCodeResolver, { nullable: true, description: "With the partner hospital in this country." })
  partnerCountryCode?: string | null;

  @Field(() => ID, { nullable: true, description: "With this Xinjiang hospital." })
  xinjiangHospitalId?: string | null;

  @Field(() => ID, { nullable: true, description: "With this partner hospital." })
  partnerHospitalId?: string | null;
}
