// An example client for this API: Apollo Client 4 with the cache configuration generated from the schema
// (possibleTypes, relayStylePagination on every connection, merge: true for objects without an id) and a
// WebSocket link (graphql-ws) for the `changes` subscription. Typed documents come from `npm run codegen`.
import { ApolloClient, HttpLink, InMemoryCache, split } from "@apollo/client";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { getMainDefinition } from "@apollo/client/utilities";
import { createClient } from "graphql-ws";
import { possibleTypes, typePolicies } from "./gql/cache-config.js";

export interface ClientOptions {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql (the WebSocket is on the same path). */
  url: string;
  /** A bearer token (npm run -s token -- --role …), or none for public facts. */
  token?: string;
  /** A WebSocket class where there is no global one (Node 20: the `ws` package). */
  webSocketImpl?: unknown;
}

export function makeClient({ url, token, webSocketImpl }: ClientOptions) {
  const authorization = token ? `Bearer ${token}` : undefined;
  const http = new HttpLink({ uri: url, headers: authorization ? { authorization } : {} });
  const wsClient = createClient({
    url: url.replace(/^http/, "ws"),
    connectionParams: authorization ? { authorization } : {},
    webSocketImpl,
    lazy: true,
  });
  const link = split(
    ({ query }) => {
      const def = getMainDefinition(query);
      return def.kind === "OperationDefinition" && def.operation === "subscription";
    },
    new GraphQLWsLink(wsClient),
    http,
  );
  const client = new ApolloClient({ link, cache: new InMemoryCache({ possibleTypes, typePolicies }) });
  return Object.assign(client, {
    /** Closes the WebSocket and stops the client. */
    async close() {
      client.stop();
      await wsClient.dispose();
    },
  });
}

export type Client = ReturnType<typeof makeClient>;
