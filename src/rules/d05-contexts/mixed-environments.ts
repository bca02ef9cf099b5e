// D05: production and non-production workloads deployed together, where one can reach or starve the other.
import { defineRule } from '../../core/rule.js';
import {
  deploymentLabel,
  environmentOf,
  listOwners,
  ownersOf,
  ownerWho,
  type Owner,
} from '../shared/deployment.js';

export default defineRule({
  id: 'D05.mixed-environments',
  title: 'Production and non-production workloads together',
  category: 'D05',
  severity: 'medium',
  subject: 'deployment',
  targets: ['compose', 'kubernetes', 'engine'],
  threats: [2, 5, 6],
  cis: [],
  related: {},
  rationale:
    'Test and staging workloads run less reviewed code, debug settings and shared credentials. In the same compose project, namespace or engine as production they share its networks, resource pool and often its secrets and service accounts: a compromised or runaway test container reaches or starves production. The guide asks for separate security contexts: at least separate namespaces or projects, better separate hosts or clusters. Environments are read from the labels (env, environment, stage by default).',
  remediation:
    'Deploy each environment on its own:\n  compose:    one project per environment (docker compose -p shop-prod / -p shop-test), on separate hosts for production\n  Kubernetes: one namespace per environment (shop-prod, shop-test), with NetworkPolicies and ResourceQuotas; production on its own nodes or cluster',
  references: ['https://kubernetes.io/docs/concepts/security/multi-tenancy/'],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n    labels: { env: production }\n  web-test:\n    image: nginx:1.27\n    labels: { env: test }\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    labels: { env: production }\n  api:\n    image: registry.example.com/api:1.0\n    labels: { env: production }\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\n  labels: { env: prod }\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web-staging\n  namespace: shop\n  labels: { env: staging }\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\n  labels: { env: prod }\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web-staging\n  namespace: shop-staging\n  labels: { env: staging }\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
  ],
  check(deployment, { settings }) {
    const production: Owner[] = [];
    const other: { owner: Owner; environment: string }[] = [];
    for (const owner of ownersOf(deployment)) {
      const environment = environmentOf(owner.labels, settings);
      if (!environment) continue;
      if (environment.production) production.push(owner);
      else other.push({ owner, environment: `${environment.key}=${environment.value}` });
    }
    if (production.length === 0) return [];
    // The non-production workloads are the ones to move out: each is reported where it is declared.
    return other.map(({ owner, environment }) => ({
      message: `${ownerWho(owner)} (${environment}) is deployed in ${deploymentLabel(deployment)} together with production workloads (${listOwners(production)})`,
      location: owner.at,
      evidence: environment,
    }));
  },
});
