import { Arg, Field, FieldResolver, Mutation } from "type-graphql";

// Mutation payloads are nullable, field and contents (GitHub's choice). Mutations of one document run one
// after another, each in its own transaction: with a non-null payload, one failing mutation nulled `data`
// as a whole, and the answer of another that had already committed never reached the client. Nullable, a
// failure nulls only its own field (with its error at that path), and a payload field that cannot be read
// back (say FORBIDDEN) nulls only itself. `test/unit/schema-docs.test.ts` holds every mutation to this.

type Returns = NonNullable<Parameters<typeof Field>[0]>;
/** Every mutation and payload field says what it is (graphql-eslint require-description). */
interface Options {
  description: string;
  deprecationReason?: string;
}

/** A mutation: its payload is nullable. */
export function PayloadMutation(returns: Returns, options: Options): MethodDecorator {
  return Mutation(returns, { ...options, nullable: true });
}

/** A field of a mutation payload, read back after the write: nullable. */
export function PayloadField(returns: Returns, options: Options): MethodDecorator {
  return FieldResolver(returns, { ...options, nullable: true });
}

/** A mutation's one argument, `input`. */
export function MutationInput(type: Returns) {
  return Arg("input", type, {
    description: "What the mutation takes (described field by field on its input type). The same idempotencyKey with the same input answers the first answer again and writes nothing more.",
  });
}
