// A live engine's networks → one Deployment holding every container, so the rules that need to see
// workloads together (flat networks, mixed environments and tiers) judge one engine as one host.
import type { Deployment } from '../../subjects/deployment.js';
import type { EngineConfig } from '../../subjects/engine-config.js';
import type { Workload } from '../../subjects/workload.js';
import type { ApiNetwork } from './api-types.js';

export function engineDeployment(
  engine: string,
  networks: readonly ApiNetwork[],
  workloads: Workload[],
): Deployment {
  return {
    kind: 'deployment',
    origin: 'engine',
    name: `engine ${engine}`,
    at: { engine, object: 'engine' },
    workloads,
    networks: networks
      .filter((network) => network.Name !== undefined)
      .map((network) => ({ value: network.Name!, at: { engine, object: `network/${network.Name}` } })),
    networkPolicies: [],
    resourceControls: [],
    configMaps: [],
  };
}

/** The default bridge's `enable_icc` option is the engine's `icc` setting. */
export function applyBridgeOptions(
  config: EngineConfig,
  engine: string,
  networks: readonly ApiNetwork[],
): void {
  const bridge = networks.find((network) => network.Name === 'bridge' && network.Driver === 'bridge');
  const icc = bridge?.Options?.['com.docker.network.bridge.enable_icc'];
  if (icc !== undefined)
    config.icc = {
      value: icc === 'true',
      at: { engine, object: 'network/bridge', field: 'Options.com.docker.network.bridge.enable_icc' },
    };
}
