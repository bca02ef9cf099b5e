// Generates the benchmark corpus: N directories, each with a Dockerfile, a five-service compose file
// (about 130 lines) and a three-document Kubernetes manifest, varied so no two files are the same.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

function dockerfile(i) {
  return `# syntax=docker/dockerfile:1
ARG NODE_VERSION=20.${i % 18}
FROM node:\${NODE_VERSION} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts && \\
    npm cache clean --force
COPY . .
RUN npm run build -- --project app-${i}

FROM node:\${NODE_VERSION}-slim
ENV NODE_ENV=production PORT=${3000 + (i % 100)}
WORKDIR /app
COPY --from=build /src/dist ./dist
COPY --from=build /src/node_modules ./node_modules
EXPOSE ${3000 + (i % 100)}
HEALTHCHECK --interval=30s CMD node dist/health.js
${i % 2 === 0 ? 'USER 10001:10001' : '# runs as root'}
CMD ["node", "dist/server.js"]
`;
}

function service(i, s) {
  const hardened = (i + s) % 2 === 0;
  return `  svc${s}:
    image: registry.example.com/team-${i}/svc${s}:1.${s}.${i % 10}
    user: "${hardened ? 10000 + s : 0}"
    read_only: ${hardened}
    restart: on-failure:5
    cap_drop:
      - ALL
    cap_add:
      - ${hardened ? 'NET_BIND_SERVICE' : 'SYS_ADMIN'}
    security_opt:
      - no-new-privileges:${hardened}
    environment:
      LOG_LEVEL: info
      SERVICE_NAME: svc${s}
      DATABASE_URL: postgres://db:5432/app${i}
    ports:
      - "${hardened ? '127.0.0.1:' : ''}${8000 + s}:${8000 + s}"
    volumes:
      - ./data/svc${s}:/var/lib/svc${s}${hardened ? ':ro' : ''}
      - cache-${s}:/cache
    networks: [backend]
    mem_limit: ${128 * (s + 1)}m
    cpus: "0.${s + 1}"
    pids_limit: ${100 + s}
    logging:
      driver: json-file
      options: { max-size: 10m, max-file: "3" }
`;
}

function compose(i) {
  const services = Array.from({ length: 5 }, (_, s) => service(i, s)).join('\n');
  return `# project ${i}\nname: project-${i}\nservices:\n${services}\nnetworks:\n  backend: {}\nvolumes:\n${Array.from(
    { length: 5 },
    (_, s) => `  cache-${s}: {}`,
  ).join('\n')}\n`;
}

function kubernetes(i) {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: team-${i % 20}
  labels: { app: app-${i}, tier: backend }
spec:
  replicas: 3
  selector:
    matchLabels: { app: app-${i} }
  template:
    metadata:
      labels: { app: app-${i}, tier: backend }
    spec:
      securityContext:
        runAsNonRoot: ${i % 2 === 0}
        runAsUser: ${i % 2 === 0 ? 10001 : 0}
        seccompProfile: { type: RuntimeDefault }
      containers:
        - name: app
          image: registry.example.com/app-${i}:2.${i % 7}.0
          ports:
            - containerPort: 8080
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: { drop: [ALL] }
          resources:
            limits: { memory: 256Mi, cpu: 500m }
          volumeMounts:
            - { name: tmp, mountPath: /tmp }
            - { name: logs, mountPath: /var/log/app }
      volumes:
        - { name: tmp, emptyDir: {} }
        - name: logs
          hostPath: { path: /var/log/app-${i} }
---
apiVersion: v1
kind: Service
metadata:
  name: app-${i}
  namespace: team-${i % 20}
spec:
  selector: { app: app-${i} }
  ports:
    - port: 80
      targetPort: 8080
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: app-${i}
  namespace: team-${i % 20}
spec:
  podSelector:
    matchLabels: { app: app-${i} }
  policyTypes: [Ingress]
  ingress:
    - from:
        - podSelector: { matchLabels: { tier: frontend } }
`;
}

export async function generateCorpus(root, count = 1000) {
  for (let i = 0; i < count; i++) {
    const dir = join(root, `app-${String(i).padStart(4, '0')}`);
    await mkdir(dir, { recursive: true });
    await Promise.all([
      writeFile(join(dir, 'Dockerfile'), dockerfile(i)),
      writeFile(join(dir, 'docker-compose.yml'), compose(i)),
      writeFile(join(dir, 'k8s.yaml'), kubernetes(i)),
    ]);
  }
  return count * 3;
}
