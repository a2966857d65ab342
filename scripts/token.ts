import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.js";
import { ROLES, type RoleName } from "../src/modules/auth/auth.roles.js";
import { mintToken } from "../src/modules/auth/auth.service.js";

// `npm run token -- --role PARTNER_REGISTRAR --institution <id>`: a development token signed with JWT_SECRET.
const USAGE = `npm run -s token -- --role <role> [--institution <id>] [--subject <name>] [--expires 12h]
  --role         one of ${ROLES.join(", ")}
  --institution  the institution's id as the API shows it (needed for every role but PLATFORM_ADMIN)
  --subject      the token's subject (default: dev-<role>@<institution>)
  --expires      lifetime, e.g. 30m, 12h, 7d (default 12h)`;
const parsed = (() => {
  try {
    return parseArgs({
      options: {
        role: { type: "string" },
        institution: { type: "string" },
        subject: { type: "string" },
        expires: { type: "string", default: "12h" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    // An unknown or malformed option: the reason and the usage, not a stack trace.
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    process.exit(2);
  }
})();
const { values } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const role = values.role as RoleName;
if (!ROLES.includes(role)) {
  console.error(`--role must be one of ${ROLES.join(", ")}`);
  process.exit(2);
}
if (role !== "PLATFORM_ADMIN" && !values.institution) {
  console.error(`--institution <id> is needed for ${role} (the institution's id as the API shows it)`);
  process.exit(2);
}
const { auth } = loadConfig();
if (!auth.secret) {
  console.error("JWKS_URL is set: tokens come from the identity provider, not from this script");
  process.exit(2);
}
const token = await mintToken(
  { secret: auth.secret, issuer: auth.issuer, audience: auth.audience },
  {
    subject: values.subject ?? `dev-${role.toLowerCase()}${values.institution ? `@${values.institution}` : ""}`,
    role,
    institutionId: values.institution,
    expiresIn: values.expires,
  },
);
console.log(token);
