# One image for the API and the simulator (docker-compose.yml picks the command): compiled JavaScript, the built web
# app and only the API's production dependencies, run as an unprivileged user. test/topology.test.ts runs the same
# build and deploy commands and starts the result as laid out here.

FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles its native addon when no prebuilt one can be downloaded: against this Node's own headers.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
ENV npm_config_nodedir=/usr/local
RUN npm install -g pnpm@10.34.9
WORKDIR /src
# The lockfile alone first: the downloads stay cached until it changes.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch
COPY . .
RUN pnpm install --frozen-lockfile --offline
RUN pnpm --filter @addnet/web build && pnpm --filter @addnet/api build
# package.json, dist/ (its "files") and node_modules with the production dependencies only, native addon built.
RUN pnpm --filter @addnet/api deploy --prod --legacy /out

FROM node:20-bookworm-slim
ENV NODE_ENV=production
# The repository's layout, so that dist/main.js finds the web app where src/main.ts does: ../../web/dist.
WORKDIR /app/apps/api
COPY --from=build /out ./
COPY --from=build /src/apps/web/dist /app/apps/web/dist
# data/: the journal's SQLite file when DATABASE_URL is not set.
RUN mkdir data && chown node:node data
USER node
EXPOSE 8080 8989
CMD ["node", "dist/main.js"]
