# dt10 as a container image: the bundled CLI (dist/: dt10.js and its chunks) on Node.js, nothing else.
#
#   docker build -t dt10 .
#   docker run --rm --read-only -v "$PWD:/src:ro" -w /src dt10 scan .
#
# Base: node:24-bookworm-slim (Node.js 24 LTS, supported until 2028-04-30; Debian 12, until 2028-06-30),
# pinned by the digest of its multi-platform index (linux/amd64, linux/arm64, linux/ppc64le) as recorded by
# docker-library/repo-info for Node.js 24.19.0. Keep the tag for readers; let Renovate or Dependabot move
# the digest (`docker buildx imagetools inspect node:24-bookworm-slim` shows the current one).
FROM node:24-bookworm-slim@sha256:a9f5f7c91a432850b2a8a7797adf5eadb6c733ceed61167806cee7ea7fbc29df AS base

# Build: the locked dependencies without their install scripts (esbuild finds its binary without one),
# then the same bundle `npm run build` makes. Nothing of this stage but dist/ reaches the image.
FROM base AS build
WORKDIR /build
COPY package.json package-lock.json tsconfig.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY scripts/ ./scripts/
COPY src/ ./src/
RUN npm run build

# Runtime: the bundle is self-contained (every dependency is inlined by esbuild), so the image needs no
# node_modules. It stays owned by root: the user that runs it can read it, not rewrite it.
FROM base
LABEL org.opencontainers.image.title="dt10" \
      org.opencontainers.image.description="Audit container security against the OWASP Docker Top 10 (D01-D10)" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.base.name="docker.io/library/node:24-bookworm-slim" \
      org.opencontainers.image.base.digest="sha256:a9f5f7c91a432850b2a8a7797adf5eadb6c733ceed61167806cee7ea7fbc29df"
COPY --from=build /build/dist/ /app/
# Mount the files to scan here (read-only is enough: dt10 writes nothing but an --output file).
WORKDIR /src
# An unprivileged numeric user, so Kubernetes runAsNonRoot can verify it without a passwd lookup.
USER 10001:10001
# dt10 is a command that runs to completion, not a service; this check only proves that the runtime
# starts and the bundle loads, and writes nothing, so it also holds with --read-only.
HEALTHCHECK --interval=30s --timeout=5s --start-period=5s --retries=1 CMD ["node", "/app/dt10.js", "--version"]
ENTRYPOINT ["node", "/app/dt10.js"]
CMD ["scan", "."]
