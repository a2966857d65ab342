import { ArgsType, Field, Int, ObjectType, type ClassType } from "type-graphql";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page } from "./pagination.js";

@ObjectType("PageInfo", { description: "Relay page information." })
export class PageInfo {
  @Field(() => Boolean, { description: "True when more items follow this page in list order." })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: "True when items come before this page in list order." })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the first edge of this page." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "Cursor of the last edge of this page." })
  endCursor!: string | null;
}

// The page size's default and maximum are shown in the schema (a default value and the descriptions), from
// the pagination helper's constants.
@ArgsType()
export class PageArgsType {
  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `Items after \`after\`: 1 to ${MAX_PAGE_SIZE}, ${DEFAULT_PAGE_SIZE} when not given. With \`last\`, leave it out: the default gives way to \`last\`.`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Opaque cursor: return items after this one." })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Items before \`before\`, counted from the end of the list: 1 to ${MAX_PAGE_SIZE}. Pages backwards.` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: "Opaque cursor: return items before this one." })
  before?: string | null;
}

/** Makes `<Name>Connection` and `<Name>Edge` types for a node type. */
export function Connection<T extends object>(Node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `An edge to a ${name}.` })
  class Edge {
    @Field(() => String, { description: "Opaque cursor of this edge." })
    cursor!: string;

    @Field(() => Node, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items (Relay connection).` })
  class ConnectionType {
    // simple: false keeps a resolver on the three page fields: a root list's page is loaded lazily and these
    // properties are promises then, which an executor may only await through a resolver (graphql-jit inlines
    // resolver-less fields as plain values; see shared/lean-resolvers.ts).
    @Field(() => [Edge], { description: "The edges of this page.", simple: false })
    edges!: Edge[];

    @Field(() => [Node], { description: "The nodes of this page, without cursors.", simple: false })
    nodes!: T[];

    @Field(() => PageInfo, { description: "Where this page stands in the list.", simple: false })
    pageInfo!: PageInfo;

    countFn!: Page<T>["countFn"];

    @Field(() => Int, { description: "Items in the whole list under its filters (one COUNT, run only when asked)." })
    totalCount(): Promise<number> {
      return this.countFn();
    }
  }
  return ConnectionType;
}
