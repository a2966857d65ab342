// npm run example:client — runs the README's portal flows through the typed client against a running server
// (XMU_API_URL, default http://localhost:4000/graphql; tokens from `npm run -s token`, the development secret).
// It writes (a registration and an admission), as the README's examples do: run it on a fresh seed.
import { execFileSync } from "node:child_process";
import WebSocket from "ws";
import { makeClient } from "./client.js";
import { adminPortal, publicFacts, registerAndAdmit } from "./flows.js";

const url = process.env.XMU_API_URL ?? "http://localhost:4000/graphql";
const token = (...args: string[]) => execFileSync("npm", ["run", "-s", "token", "--", ...args], { encoding: "utf8" }).trim();
const clients = {
  anonymous: makeClient({ url, webSocketImpl: WebSocket }),
  hostAdmin: makeClient({ url, token: token("--role", "INSTITUTION_ADMIN", "--institution", "SW5zdGl0dXRpb246MQ"), webSocketImpl: WebSocket }),
  partnerRegistrar: makeClient({ url, token: token("--role", "PARTNER_REGISTRAR", "--institution", "SW5zdGl0dXRpb246NDA"), webSocketImpl: WebSocket }),
};
try {
  console.log("public facts:", await publicFacts(clients.anonymous));
  console.log("admin portal:", await adminPortal(clients.hostAdmin, "Q29ob3J0OjE"));
  console.log("register and admit:", await registerAndAdmit(clients));
} finally {
  await Promise.all(Object.values(clients).map((c) => c.close()));
}
