# The API as one process per container; several containers share one PostgreSQL and one Redis (compose.yaml).
# Build: docker build -t xmu-exchange-api .
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY seeds ./seeds
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=4000
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY drizzle ./drizzle
COPY examples/operations ./examples/operations
USER node
EXPOSE 4000
# Ready when the database answers and every migration is applied (GET /readyz).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s CMD ["node", "-e", "fetch('http://127.0.0.1:4000/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# What `npm start` runs after its build: migrate (serialised across processes by an advisory lock), seed an
# empty database, serve.
CMD ["node", "--max-old-space-size=192", "dist/src/main.js"]
