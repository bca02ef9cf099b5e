// Queries over a Deployment that several rules share: the objects that own its workloads (a compose
// service, a Kubernetes Deployment whose containers are separate workloads), the NetworkPolicies that
// select them, and the environment and tier their labels put them in.
import { listUpTo } from '../../core/list.js';
import {
  isSourceLocation,
  originOf,
  compareLocations,
  placeOf,
  type Location,
  type Placed,
} from '../../core/location.js';
import type { RuleSettings } from '../../core/settings.js';
import type { Deployment, NetworkPolicy } from '../../subjects/deployment.js';
import type { Workload } from '../../subjects/workload.js';

/** What a user deploys and labels as one: a compose service, a Kubernetes pod-owning object. */
export interface Owner {
  /** `service "web"`, `Deployment/web (namespace shop)`. */
  label: string;
  /** Where it is declared: the service key, the first container written in the object. */
  at: Location;
  labels: Record<string, string>;
  workloads: Workload[];
}

/** `Deployment/web/app` → `Deployment/web`: the containers of one object share its pod labels. */
function ownerKey(workload: Workload): string {
  if (workload.origin !== 'kubernetes') return `${workload.origin}\u0000${workload.name}`;
  const parts = workload.name.split('/');
  return `${placeOf(workload.at)}\u0000${workload.namespace ?? 'default'}\u0000${parts.slice(0, 2).join('/')}`;
}

function ownerLabel(workload: Workload): string {
  if (workload.origin !== 'kubernetes') return workload.label;
  const object = workload.name.split('/').slice(0, 2).join('/');
  const namespace = workload.namespace ?? 'default';
  return namespace === 'default' ? object : `${object} (namespace ${namespace})`;
}

/** The owners of a deployment's workloads, in the order they were declared. */
export function ownersOf(deployment: Deployment): Owner[] {
  const owners = new Map<string, Owner>();
  for (const workload of deployment.workloads) {
    const key = ownerKey(workload);
    const owner = owners.get(key);
    if (owner) {
      owner.workloads.push(workload);
      // Init containers are read first but may be written after the containers: point at the first line.
      if (compareLocations(workload.at, owner.at) < 0) owner.at = workload.at;
    } else
      owners.set(key, {
        label: ownerLabel(workload),
        at: workload.at,
        labels: workload.labels,
        workloads: [workload],
      });
  }
  return [...owners.values()];
}

/** A compose service with no `networks` and no `network_mode` joins the project's `default` network. */
export function onComposeDefaultNetwork(workload: Workload): boolean {
  if (workload.origin !== 'compose' || workload.networkMode !== undefined) return false;
  return workload.networks.length === 0 || workload.networks.some((n) => n.value === 'default');
}

/** The networks a Docker workload is attached to: named ones, the compose project default, or the default bridge. */
export function dockerNetworks(workload: Workload): Placed<string>[] {
  if (onComposeDefaultNetwork(workload) && workload.networks.length === 0)
    return [{ value: 'default', at: workload.at }];
  const mode = workload.networkMode;
  if (
    workload.networks.length === 0 &&
    mode &&
    ['bridge', 'default'].includes(mode.value.trim().toLowerCase())
  )
    return [{ value: 'bridge', at: mode.at }];
  return workload.networks;
}

/** `compose project "shop"`, `namespace shop`: the deployment as a message names it. */
export function deploymentLabel(deployment: Deployment): string {
  return deployment.origin === 'compose' ? `compose project "${deployment.name}"` : deployment.name;
}

/** `Deployment/web in manifest.yaml`, for messages. */
export function ownerWho(owner: Owner): string {
  return isSourceLocation(owner.at)
    ? `${owner.label} in ${placeOf(owner.at)}`
    : `${owner.label} on ${originOf(owner.at)}`;
}

/**
 * A policy's `podSelector` selects pods carrying every one of its matchLabels and meeting every one of its
 * matchExpressions; `{}` selects all. An operator Kubernetes does not know selects nothing (it rejects it).
 */
export function selects(policy: NetworkPolicy, labels: Record<string, string>): boolean {
  if (!Object.entries(policy.podSelector).every(([key, value]) => labels[key] === value)) return false;
  return policy.podSelectorExpressions.every(({ key, operator, values }) => {
    const value = labels[key];
    switch (operator) {
      case 'In':
        return value !== undefined && values.includes(value);
      case 'NotIn':
        return value === undefined || !values.includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
        return value === undefined;
      default:
        return false;
    }
  });
}

export function selectingPolicies(deployment: Deployment, owner: Owner): NetworkPolicy[] {
  return deployment.networkPolicies.filter((policy) => selects(policy, owner.labels));
}

export interface LabelValue {
  key: string;
  value: string;
}

/** The first of `keys` the labels carry, with its value. */
function firstLabel(labels: Record<string, string>, keys: readonly string[]): LabelValue | undefined {
  for (const key of keys) {
    const value = labels[key];
    if (value !== undefined && value.trim() !== '') return { key, value: value.trim() };
  }
  return undefined;
}

export interface Environment extends LabelValue {
  production: boolean;
}

/** The environment (stage) an owner's labels put it in; undefined when they say nothing. */
export function environmentOf(
  labels: Record<string, string>,
  settings: RuleSettings,
): Environment | undefined {
  const label = firstLabel(labels, settings.environmentLabelKeys);
  if (!label) return undefined;
  const production = settings.productionValues.some((v) => v.toLowerCase() === label.value.toLowerCase());
  return { ...label, production };
}

/** The tier an owner's labels put it in, when it is one of the configured tiers. */
export function tierOf(labels: Record<string, string>, settings: RuleSettings): LabelValue | undefined {
  const label = firstLabel(labels, settings.tierLabelKeys);
  if (!label) return undefined;
  const tier = settings.tierValues.find((t) => t.toLowerCase() === label.value.toLowerCase());
  return tier === undefined ? undefined : { key: label.key, value: tier };
}

/** `service "web", service "api" and 2 more`: a short list of owners for a message. */
export function listOwners(owners: readonly Owner[], limit = 3): string {
  return listUpTo(
    owners.map((o) => o.label),
    limit,
  );
}
