# The portal's container image. Base images come from Debian's packages, made by
# deploy/container/make-base-images.sh (no registry needed); any image with Node.js >= 20.9 and
# npm works as BUILD_BASE, and with Node.js alone as RUNTIME_BASE.
#   bash deploy/container/make-base-images.sh
#   podman build --format docker -t lakehouse-portal:0.1.0 .
# The image runs as an unprivileged user on a read-only root filesystem: everything it writes
# goes to /data (the data folder, a volume), /tmp and /app/.next/cache (writable mounts).
ARG BUILD_BASE=localhost/lakehouse-node-build:trixie
ARG RUNTIME_BASE=localhost/lakehouse-node-runtime:trixie

# 1. Dependencies, from the lock file only (cached while package*.json do not change).
FROM ${BUILD_BASE} AS deps
WORKDIR /app
# Behind a TLS-intercepting proxy, its CA for npm: mount the file and pass its path, e.g.
#   podman build -v /etc/ssl/certs/ca-certificates.crt:/run/site-ca.crt:ro --build-arg NODE_EXTRA_CA_CERTS=/run/site-ca.crt …
# (a build argument of this stage only: nothing of it reaches the image).
ARG NODE_EXTRA_CA_CERTS
ENV NEXT_TELEMETRY_DISABLED=1 npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts

# 2. Prisma client and the Next.js production build; then only production dependencies are kept.
# Debian's npm 9 installs the musl builds of native packages beside the glibc ones (it does not
# check the libc); on this glibc image they are never loaded: 185 MB less.
FROM deps AS build
COPY . .
RUN node scripts/prisma-generate.mjs --force \
 && node scripts/build-if-needed.mjs --force \
 && npm prune --omit=dev --ignore-scripts \
 && rm -rf .next/cache node_modules/.cache node_modules/@*/*-linuxmusl-* node_modules/@*/*-linux-x64-musl

# 3. What runs: Node.js, the built app, production node_modules; owned by root, read-only to the portal.
FROM ${RUNTIME_BASE} AS runtime
WORKDIR /app
RUN echo 'portal:x:10001:10001:Lakehouse portal:/tmp:/usr/sbin/nologin' >> /etc/passwd \
 && echo 'portal:x:10001:' >> /etc/group \
 && mkdir -p /data /app/.next/cache \
 && chown 10001:10001 /data /app/.next/cache
COPY --from=build /app/package.json /app/next.config.js /app/tsconfig.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/.next ./.next
COPY --from=build /app/public ./public
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/app ./app
COPY --from=build /app/components ./components
COPY --from=build /app/lib ./lib
COPY --from=build /app/server ./server
# MALLOC_ARENA_MAX and the source-map preload keep the resting memory down (server/memory/runtime-env.ts).
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOME=/tmp MALLOC_ARENA_MAX=2 \
    PORTAL_HOST=0.0.0.0 PORT=3000 PORTAL_DATA_DIR=/data
USER 10001:10001
VOLUME ["/data"]
EXPOSE 3000
# Liveness only: a database outage must not mark the container unhealthy (readiness says that).
HEALTHCHECK --interval=15s --timeout=3s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Node is PID 1 and handles SIGTERM itself (graceful drain, exit 0); tsx is loaded in-process.
ENTRYPOINT ["node", "--import", "./server/memory/third-party-source-maps.mjs", "--import", "tsx", "server/main.ts"]
