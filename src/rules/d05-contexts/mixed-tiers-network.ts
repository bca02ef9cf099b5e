// D05: front-end and back-end tiers on one network, or in one namespace with no policy between them.
import type { Location } from '../../core/location.js';
import { defineRule, type Violation } from '../../core/rule.js';
import type { RuleSettings } from '../../core/settings.js';
import type { Deployment } from '../../subjects/deployment.js';
import {
  deploymentLabel,
  dockerNetworks,
  ownersOf,
  listOwners,
  ownerWho,
  selectingPolicies,
  tierOf,
  type Owner,
} from '../shared/deployment.js';

interface TieredOwner {
  owner: Owner;
  tier: string;
  /** Position of the tier in the configured order (frontend → backend → db). */
  rank: number;
}

function tiered(deployment: Deployment, settings: RuleSettings): TieredOwner[] {
  return ownersOf(deployment).flatMap((owner) => {
    const tier = tierOf(owner.labels, settings);
    return tier ? [{ owner, tier: tier.value, rank: settings.tierValues.indexOf(tier.value) }] : [];
  });
}

/**
 * `frontend (service "web"), backend (service "api", service "worker")`; at most three owners a tier, then
 * a count, so that a namespace of a thousand pods does not make a message of every name.
 */
function describeTiers(members: readonly TieredOwner[]): string {
  const byTier = new Map<string, Owner[]>();
  for (const { owner, tier } of members) {
    const owners = byTier.get(tier);
    if (owners) owners.push(owner);
    else byTier.set(tier, [owner]);
  }
  return [...byTier].map(([tier, owners]) => `${tier} (${listOwners(owners)})`).join(' and ');
}

const distinctTiers = (members: readonly TieredOwner[]): number => new Set(members.map((m) => m.tier)).size;

interface NetworkMember extends TieredOwner {
  /** Attached to more than one network: a service that bridges two of them. */
  gateway: boolean;
}

/**
 * Two tiers may meet on a network only through a gateway: a member attached to other networks as well,
 * between neighbouring tiers of the configured order (the API on the front-end and the back-end network).
 * Anywhere else one tier reaches another directly, past the tier that should stand between them.
 */
export function meetsProperly(a: Omit<NetworkMember, 'owner'>, b: Omit<NetworkMember, 'owner'>): boolean {
  return a.tier === b.tier || (Math.abs(a.rank - b.rank) === 1 && (a.gateway || b.gateway));
}

/**
 * The members that meet some other member improperly. Judged against each tier's counts rather than
 * every pair: an engine puts a thousand containers on one network. A member meets a whole tier properly
 * when it meets one member of each kind (gateway or not) properly, since that is all `meetsProperly` reads.
 */
export function improperMembers<M extends Omit<NetworkMember, 'owner'>>(members: readonly M[]): M[] {
  // One representative of each (tier, gateway) pair present on the network.
  const kinds = new Map<string, M>();
  for (const member of members) kinds.set(`${member.gateway ? 1 : 0}${member.tier}`, member);
  const representatives = [...kinds.values()];
  return members.filter((a) => representatives.some((b) => !meetsProperly(a, b)));
}

/** Compose and engine: the members of each network, compose's project `default` one included. */
function dockerViolations(deployment: Deployment, settings: RuleSettings): Violation[] {
  const byNetwork = new Map<string, { members: NetworkMember[]; at: Location }>();
  for (const member of tiered(deployment, settings)) {
    const networks = dockerNetworks(member.owner.workloads[0]!);
    for (const network of networks) {
      const entry = byNetwork.get(network.value);
      const networkMember = { ...member, gateway: networks.length > 1 };
      if (entry) entry.members.push(networkMember);
      else {
        const declared = deployment.networks.find((n) => n.value === network.value);
        byNetwork.set(network.value, { members: [networkMember], at: declared?.at ?? network.at });
      }
    }
  }
  const violations: Violation[] = [];
  for (const [network, { members, at }] of byNetwork) {
    const offending = improperMembers(members);
    if (offending.length === 0) continue;
    violations.push({
      message: `network "${network}" of ${deploymentLabel(deployment)} joins the tiers ${describeTiers(offending)} with no gateway service between them: they reach each other directly`,
      location: at,
      evidence: `network: ${network}`,
    });
  }
  return violations;
}

/** Kubernetes: tiers in one namespace are separated only where NetworkPolicies select their pods. */
function kubernetesViolations(deployment: Deployment, settings: RuleSettings): Violation[] {
  const members = tiered(deployment, settings);
  if (distinctTiers(members) < 2) return [];
  // The other tiers as a message names them, once per tier rather than once per owner.
  const otherTiers = new Map<string, string>();
  const othersThan = (tier: string): string => {
    let described = otherTiers.get(tier);
    if (described === undefined) {
      described = describeTiers(members.filter((m) => m.tier !== tier));
      otherTiers.set(tier, described);
    }
    return described;
  };
  return members
    .filter(({ owner }) => selectingPolicies(deployment, owner).length === 0)
    .map(({ owner, tier }) => ({
      message: `${ownerWho(owner)} (tier ${tier}) is selected by no NetworkPolicy in ${deployment.name}, which also runs the tiers ${othersThan(tier)}: nothing separates them`,
      location: owner.at,
      evidence: `tier: ${tier}`,
    }));
}

export default defineRule({
  id: 'D05.mixed-tiers-network',
  title: 'Tiers not separated on the network',
  category: 'D05',
  severity: 'medium',
  subject: 'deployment',
  targets: ['compose', 'kubernetes', 'engine'],
  threats: [2, 5],
  cis: [],
  related: {},
  rationale:
    "A front end faces the internet and is the first thing to be compromised; from there the attacker goes for the back end and the database. When tiers share one network (in compose: the same named network, or the project's default network when services name none) or one namespace with no NetworkPolicy selecting them, nothing stops the front end from reaching the database directly, past the API that should stand between them. Tiers are read from the labels (`tier` by default, values frontend, backend, db in that order). On Docker networks, two tiers may meet only through a gateway: a service attached to other networks too, between neighbouring tiers (the API on both the front-end and the back-end network); any other mix is reported.",
  remediation:
    'One network per tier boundary, and only the services that bridge tiers on two:\n  compose:    web: networks: [frontend]; api: networks: [frontend, backend]; db: networks: [backend]\n  Kubernetes: NetworkPolicies that select each tier and allow ingress only from the tier in front of it, e.g. podSelector: { matchLabels: { tier: db } }, ingress from podSelector: { matchLabels: { tier: backend } }',
  references: [
    'https://docs.docker.com/compose/how-tos/networking/#specify-custom-networks',
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
  ],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n    labels: { tier: frontend }\n    networks: [app]\n  db:\n    image: postgres:17\n    labels: { tier: db }\n    networks: [app]\nnetworks:\n  app: {}\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    labels: { tier: frontend }\n    networks: [front]\n  db:\n    image: postgres:17\n    labels: { tier: db }\n    networks: [back]\nnetworks:\n  front: {}\n  back: {}\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\n  labels: { tier: frontend }\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: db\n  namespace: shop\n  labels: { tier: db }\nspec:\n  containers:\n    - name: db\n      image: postgres:17\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\n  labels: { tier: frontend }\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: db\n  namespace: shop\n  labels: { tier: db }\nspec:\n  containers:\n    - name: db\n      image: postgres:17\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n',
    },
  ],
  check(deployment, { settings }) {
    return deployment.origin === 'kubernetes'
      ? kubernetesViolations(deployment, settings)
      : dockerViolations(deployment, settings);
  },
});
