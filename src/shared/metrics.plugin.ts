import type { ApolloServerPlugin } from "@apollo/server";
import { currentRequest } from "../db/request-store.js";

/** Reports the SQL statements a request ran in the `x-sql-statements` response header (benchmarks, debugging). */
export const statementCountPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        const req = currentRequest();
        if (req) response.http.headers.set("x-sql-statements", String(req.statements));
      },
    };
  },
};
