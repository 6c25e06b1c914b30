# Production image: built JavaScript on the current Node LTS, run as a non-root user.
# Build:  docker build -t complaint-desk .      Run with PostgreSQL:  docker compose up
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts tsconfig.json tsconfig.build.json ./
COPY prisma ./prisma
COPY scripts ./scripts
COPY src ./src
# The full install runs `prisma generate` (postinstall) and has TypeScript for the build.
RUN npm ci --no-audit --no-fund && npm run build

FROM node:24-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3978
WORKDIR /app
COPY package.json package-lock.json ./
# Runtime dependencies only; the Prisma client was generated into src/ in the build stage.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/src ./src
COPY prisma ./prisma
COPY config ./config
COPY scripts ./scripts
COPY manifests ./manifests
USER node
EXPOSE 3978
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The bot is PID 1 and handles SIGTERM itself (drains HTTP, stops workers, closes the database).
# The same entry point `npm start` runs after building; the admin CLIs (`npm run cases`, `npm run
# report`) run from src/ with tsx, a runtime dependency.
CMD ["node", "dist/main.js"]
