# The Plimsoll GitHub App. Build: docker build -t plimsoll .   Run: see deploy/ and README.md.
# Linted by Plimsoll itself, with no findings, under deploy/plimsoll-policy.yml (test/deploy/).

# Build: compile TypeScript with the dev dependencies; nothing of this stage ships but dist/.
FROM node:20.20.2-bookworm-slim@sha256:2cf067cfed83d5ea958367df9f966191a942351a2df77d6f0193e162b5febfc0 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src/ src/
# The app runs dist/src/; the command line's bundle (npm run build's second step) is not needed.
RUN npx tsc -p tsconfig.build.json

# Runtime: production dependencies only, no compilers, a non-root user.
FROM node:20.20.2-bookworm-slim@sha256:2cf067cfed83d5ea958367df9f966191a942351a2df77d6f0193e162b5febfc0
# tini: signals reach node (PID 1 ignores SIGTERM otherwise); shellcheck: ShellCheck's SC findings on RUN scripts.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini=0.19.0-1+b3 shellcheck=0.9.0-1 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production LOG_FORMAT=json PORT=3000
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
    && npm cache clean --force
COPY app.yml ./
COPY --from=build /app/dist/src/ dist/src/
# The node image's unprivileged user.
USER 1000:1000
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/ping`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/src/server.js"]
