// `npm run bench:admission`: the admission webhook under load beside the floor. The webhook is the built CLI
// (`dt10 serve admission`, enforce mode, its decision log to a file) and the floor a bare Node HTTPS server
// in its own process that reads each body and answers a fixed AdmissionReview; both on loopback with the
// same certificate. autocannon drives each with 50 connections POSTing the review of a realistic Deployment
// (two containers, managedFields as the API server sends them) for BENCH_SECONDS (default 20) after a short
// warm-up, in BENCH_ROUNDS (default 4) slices taken in turn with the other servers. Targets (issue): at
// least 50% of the floor's requests per second, and p99 under 20 ms.
//
// At full load the latency is mostly queueing (50 requests in flight over one event loop: p50 is about
// 50 / throughput), so the webhook is also driven at a fixed rate (BENCH_RATE, default 200 requests per
// second, more than a large cluster's admission traffic) to show the latency a request sees when the
// webhook is not saturated.
//
// Two references, no target, show where the time beyond the floor goes: the webhook with every rule
// disabled (reading, answering and logging a review), and a floor that parses each review as JSON and
// answers with its uid (the least any webhook must do before judging anything).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeNoRulesConfig } from './no-rules.mjs';
import { median } from './median.mjs';

const FIXED_RESPONSE = JSON.stringify({
  apiVersion: 'admission.k8s.io/v1',
  kind: 'AdmissionReview',
  response: { uid: '705ab4f5-6393-11e8-b7cc-42010a800002', allowed: true },
});

function answer(response, body) {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

// `node bench/admission.mjs --floor CERT KEY`: the floor server, started by the benchmark below.
// `--parsing-floor`: a reference beside it, no target: a server that parses each review and answers with
// its uid, the least any webhook must do before judging anything.
if (process.argv[2] === '--floor' || process.argv[2] === '--parsing-floor') {
  const parses = process.argv[2] === '--parsing-floor';
  const server = createServer(
    { cert: readFileSync(process.argv[3]), key: readFileSync(process.argv[4]), keepAliveTimeout: 65_000 },
    (request, response) => {
      if (!parses) {
        // The body is read, as the webhook must, and not looked at.
        request.resume();
        request.on('end', () => answer(response, FIXED_RESPONSE));
        return;
      }
      const chunks = [];
      request.on('data', (chunk) => chunks.push(chunk));
      request.on('end', () => {
        const review = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        answer(
          response,
          JSON.stringify({
            apiVersion: 'admission.k8s.io/v1',
            kind: 'AdmissionReview',
            response: { uid: review.request.uid, allowed: true },
          }),
        );
      });
    },
  );
  server.listen(0, '127.0.0.1', () => {
    process.stderr.write(`listening on https://127.0.0.1:${server.address().port}\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
} else {
  await bench();
}

function deploymentReview() {
  const container = (name, image, port) => ({
    name,
    image,
    imagePullPolicy: 'IfNotPresent',
    ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }],
    env: [
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'web-db', key: 'url' } } },
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    ],
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    },
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 5 },
    livenessProbe: { httpGet: { path: '/live', port: 'http' }, periodSeconds: 10 },
    volumeMounts: [
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'config', mountPath: '/etc/web', readOnly: true },
    ],
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  });
  const object = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'shop',
      uid: 'b5d2a0c4-0f0e-4c59-9d9e-8a2f1f6c7e11',
      generation: 1,
      creationTimestamp: '2026-05-04T09:12:31Z',
      labels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/part-of': 'shop', tier: 'frontend' },
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ kind: 'Deployment', spec: {} }),
      },
      managedFields: [
        {
          manager: 'kubectl-client-side-apply',
          operation: 'Update',
          apiVersion: 'apps/v1',
          time: '2026-05-04T09:12:31Z',
          fieldsType: 'FieldsV1',
          fieldsV1: {
            'f:metadata': {
              'f:annotations': { '.': {}, 'f:kubectl.kubernetes.io/last-applied-configuration': {} },
            },
            'f:spec': {
              'f:replicas': {},
              'f:selector': {},
              'f:template': {
                'f:metadata': { 'f:labels': { '.': {}, 'f:app.kubernetes.io/name': {} } },
                'f:spec': {
                  'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:image': {}, 'f:name': {} } },
                },
              },
            },
          },
        },
      ],
    },
    spec: {
      replicas: 3,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'web', tier: 'frontend' } },
        spec: {
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 10001,
            runAsGroup: 10001,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            container(
              'web',
              'registry.example.com/shop/web:1.4.2@sha256:6b1d3c2c4a0e6c1b8f2f1e0d9c8b7a6954433221100ffeeddccbbaa998877665',
              8080,
            ),
            // A sidecar pinned by tag only: a low finding, answered as a warning.
            container('metrics', 'registry.example.com/shop/metrics:2.1', 9090),
          ],
          volumes: [
            { name: 'tmp', emptyDir: { medium: 'Memory' } },
            { name: 'config', configMap: { name: 'web-config' } },
          ],
          restartPolicy: 'Always',
          terminationGracePeriodSeconds: 30,
          dnsPolicy: 'ClusterFirst',
          schedulerName: 'default-scheduler',
        },
      },
    },
    status: {},
  };
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: '705ab4f5-6393-11e8-b7cc-42010a800002',
      kind: { group: 'apps', version: 'v1', kind: 'Deployment' },
      resource: { group: 'apps', version: 'v1', resource: 'deployments' },
      requestKind: { group: 'apps', version: 'v1', kind: 'Deployment' },
      requestResource: { group: 'apps', version: 'v1', resource: 'deployments' },
      name: 'web',
      namespace: 'shop',
      operation: 'CREATE',
      userInfo: { username: 'alice@example.com', uid: '42', groups: ['developers', 'system:authenticated'] },
      object,
      oldObject: null,
      dryRun: false,
      options: {
        apiVersion: 'meta.k8s.io/v1',
        kind: 'CreateOptions',
        fieldManager: 'kubectl-client-side-apply',
      },
    },
  };
}

function startServer(args, stdout) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', stdout, 'pipe'] });
  let stderr = '';
  const url = new Promise((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
      const listening = /listening on (https:\/\/[^\s]+)/.exec(stderr);
      if (listening) resolve(listening[1]);
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`)));
  });
  return { child, url };
}

/** CPU time a process has used, in ms (Linux: utime + stime of /proc/PID/stat, in clock ticks of 10 ms). */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

async function stop(child) {
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

async function bench() {
  const { default: autocannon } = await import('autocannon');
  const here = dirname(fileURLToPath(import.meta.url));
  const cli = join(here, '..', 'dist', 'dt10.js');
  const seconds = Number(process.env.BENCH_SECONDS ?? 20);
  const rate = Number(process.env.BENCH_RATE ?? 200);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
  const connections = 50;
  const dir = mkdtempSync(join(tmpdir(), 'dt10-bench-admission-'));
  const cert = join(dir, 'tls.crt');
  const key = join(dir, 'tls.key');
  const openssl = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
    ].concat([
      '-keyout',
      key,
      '-out',
      cert,
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ]),
    { encoding: 'utf8' },
  );
  if (openssl.status !== 0) throw new Error(`openssl failed: ${openssl.stderr}`);
  const body = JSON.stringify(deploymentReview());
  const ca = readFileSync(cert);
  const decisionLog = openSync(join(dir, 'decisions.jsonl'), 'w');
  const bareDecisionLog = openSync(join(dir, 'bare-decisions.jsonl'), 'w');
  const noRules = writeNoRulesConfig(cli, dir);
  const webhookArgs = [
    cli,
    'serve',
    'admission',
    '--cert',
    cert,
    '--key',
    key,
    '--port',
    '0',
    '--address',
    '127.0.0.1',
    '--mode',
    'enforce',
  ];
  const servers = [];
  try {
    const webhook = startServer(webhookArgs, decisionLog);
    servers.push(webhook.child);
    const floor = startServer([fileURLToPath(import.meta.url), '--floor', cert, key], 'ignore');
    servers.push(floor.child);
    // The same webhook with every rule turned off: what reading, answering and logging a review cost alone.
    const bare = startServer([...webhookArgs, '--config', noRules.path], bareDecisionLog);
    servers.push(bare.child);
    const targets = { webhook: await webhook.url, floor: await floor.url };
    const parsingFloor = startServer(
      [fileURLToPath(import.meta.url), '--parsing-floor', cert, key],
      'ignore',
    );
    servers.push(parsingFloor.child);
    const references = { bare: await bare.url, parsingFloor: await parsingFloor.url };
    const pids = {
      webhook: webhook.child.pid,
      floor: floor.child.pid,
      bare: bare.child.pid,
      parsingFloor: parsingFloor.child.pid,
    };

    // autocannon paces each connection on its own timer, so 50 paced connections send in bursts of 50:
    // the paced run uses a few, as the API server's keep-alive pool to one webhook would.
    const run = (url, duration, overallRate) =>
      autocannon({
        ...(overallRate ? { overallRate, connections: 4 } : { connections }),
        url: `${url}/validate?timeout=10s`,
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
        duration,
        tlsOptions: { ca },
      });
    // Each server is driven in BENCH_ROUNDS slices, taken in turn, so that a machine whose speed drifts
    // during the benchmark weighs on all of them alike (sequential 20 s runs gave ratios 1.5x apart).
    const driven = { ...targets, ...references };
    for (const url of Object.values(driven)) await run(url, 2); // warm-up: the JIT, TLS session setup
    const results = Object.fromEntries(
      Object.keys(driven).map((name) => [name, { requests: 0, seconds: 0, cpuMs: 0, p50: [], p99: [] }]),
    );
    for (let round = 0; round < rounds; round++)
      for (const [name, url] of Object.entries(driven)) {
        const cpuBefore = cpuMs(pids[name]);
        const slice = await run(url, seconds / rounds);
        if (slice.non2xx > 0 || slice.errors > 0 || slice.timeouts > 0)
          throw new Error(
            `${name}: ${slice.non2xx} non-2xx, ${slice.errors} errors, ${slice.timeouts} timeouts`,
          );
        const result = results[name];
        result.requests += slice.requests.total;
        result.seconds += slice.duration;
        result.cpuMs += cpuMs(pids[name]) - cpuBefore;
        result.p50.push(slice.latency.p50);
        result.p99.push(slice.latency.p99);
      }
    for (const result of Object.values(results)) {
      result.perSecond = result.requests / result.seconds;
      result.cpuPerRequestUs = (result.cpuMs * 1000) / result.requests;
      // The median slice's p50; the worst slice's p99 (percentiles of slices cannot be merged exactly).
      result.latencyP50 = median(result.p50);
      result.latencyP99 = Math.max(...result.p99);
    }
    const paced = {};
    for (const [name, url] of Object.entries(targets)) {
      const result = await run(url, seconds, rate);
      if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0)
        throw new Error(
          `${name} paced: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
        );
      paced[name] = result;
    }
    const decisions = readFileSync(join(dir, 'decisions.jsonl'), 'utf8').split('\n').filter(Boolean);
    const sample = JSON.parse(decisions.at(-1));
    if (sample.decision !== 'warn' || sample.object !== 'Deployment shop/web')
      throw new Error(`unexpected decision: ${decisions.at(-1)}`);

    const webhookRps = results.webhook.perSecond;
    const floorRps = results.floor.perSecond;
    const ratio = webhookRps / floorRps;
    const p99 = results.webhook.latencyP99;
    const pacedP99 = paced.webhook.latency.p99;
    const line = (label, value, note) => console.log(`${label.padEnd(34)} ${value.padStart(14)}   ${note}`);
    console.log(
      `dt10 bench:admission: ${connections} connections, ${seconds} s each in ${rounds} slices taken in turn, POST of a ${(body.length / 1024).toFixed(1)} KiB ` +
        `Deployment review (decision: ${sample.decision}, rules ${sample.rules.join(', ')}); ${decisions.length} decisions logged`,
    );
    const labels = {
      webhook: 'dt10 serve admission',
      floor: 'floor (fixed answer)',
      bare: `webhook, all ${noRules.count} rules disabled`,
      parsingFloor: 'floor that parses the review',
    };
    for (const [name, result] of Object.entries(results))
      line(
        labels[name],
        `${result.perSecond.toFixed(0)} req/s`,
        `p50 ${result.latencyP50} ms, p99 ${result.latencyP99} ms, CPU ${result.cpuPerRequestUs.toFixed(0)} µs/request`,
      );
    line(
      'webhook / floor throughput',
      `${(ratio * 100).toFixed(0)} %`,
      `target >= 50 % ${ratio >= 0.5 ? 'OK' : 'MISSED'}`,
    );
    line(
      'disabled-rules webhook / floor',
      `${((results.bare.perSecond / floorRps) * 100).toFixed(0)} %`,
      'reading, answering and logging a review alone, no rule run',
    );
    line(
      'parsing floor / floor',
      `${((results.parsingFloor.perSecond / floorRps) * 100).toFixed(0)} %`,
      'JSON.parse of the review and an answer with its uid, nothing else',
    );
    line('webhook p99 at full load', `${p99} ms`, `target < 20 ms ${p99 < 20 ? 'OK' : 'MISSED'}`);
    line(
      `webhook at ${rate} req/s`,
      `p99 ${pacedP99} ms`,
      `p50 ${paced.webhook.latency.p50} ms; target < 20 ms ${pacedP99 < 20 ? 'OK' : 'MISSED'}`,
    );
    line(`floor at ${rate} req/s`, `p99 ${paced.floor.latency.p99} ms`, `p50 ${paced.floor.latency.p50} ms`);
  } finally {
    await Promise.all(servers.map(stop));
    closeSync(decisionLog);
    closeSync(bareDecisionLog);
    rmSync(dir, { recursive: true, force: true });
  }
}
