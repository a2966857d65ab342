import type { CodegenConfig } from "@graphql-codegen/cli";

// `npm run codegen`: typed documents for the example client (examples/client) from the README's operations
// (examples/operations, written from the README) and the client's own (examples/client/operations).
// strictScalars: every custom scalar has a TypeScript type here; a new scalar fails generation until it does.
const scalars = {
  CountryCode: "string", // ISO 3166-1 alpha-2, e.g. "UZ"
  DateTime: "string", // RFC 3339 at UTC, e.g. "2024-01-15T08:30:00.000Z"
  EmailAddress: "string",
  JSON: "unknown",
  LocalDate: "string", // YYYY-MM-DD
  NonNegativeInt: "number",
  URL: "string",
};

const config: CodegenConfig = {
  schema: "schema/schema.graphql",
  documents: ["examples/operations/*.graphql", "examples/client/operations/*.graphql"],
  ignoreNoDocuments: false,
  generates: {
    "examples/client/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: { strictScalars: true, scalars, enumsAsTypes: true, useTypeImports: true, avoidOptionals: { field: true, inputValue: false }, emitLegacyCommonJSImports: false },
    },
    // Apollo Client's possibleTypes (the Node interface's implementations) and typePolicies for every connection
    // and every object without an id, both from the schema.
    "examples/client/gql/cache-config.ts": { plugins: ["./examples/client/codegen/cache-config.cjs"] },
  },
};

export default config;
