// The fixes of a Kubernetes container or pod spec, by rule. A setting that applies to the whole pod (the
// service-account token, a missing seccomp profile) is written in the pod spec's own securityContext even
// when the finding names a container: one line covers every container of the pod.
import type { YAMLMap } from 'yaml';
import { CannotFix, type Edit, type EditContext } from '../edit.js';
import type { Step, StepInput } from './compose.js';
import { scalarAt, setIn } from './set-in.js';
import { isBounded, kubernetesMemory } from './values.js';

const ROOT_ID = (value: string): boolean => value.trim() === '0';

function inPod(step: (ctx: EditContext, pod: YAMLMap) => Edit[]): Step {
  return (ctx, _node, pod) => {
    if (!pod) throw new CannotFix('the container is not inside a pod spec');
    return step(ctx, pod);
  };
}

/** Non-root for a securityContext owner (container or pod spec): a root UID or GID replaced, then runAsNonRoot. */
function nonRootSteps(uid: number): ((ctx: EditContext, owner: YAMLMap) => Edit[])[] {
  const id = { text: String(uid), quote: false, keeps: (value: string) => !ROOT_ID(value) };
  return [
    (ctx, owner) =>
      scalarAt(owner, ['securityContext', 'runAsUser']) !== undefined
        ? setIn(ctx, owner, ['securityContext', 'runAsUser'], id)
        : [],
    (ctx, owner) =>
      scalarAt(owner, ['securityContext', 'runAsGroup']) !== undefined
        ? setIn(ctx, owner, ['securityContext', 'runAsGroup'], id)
        : [],
    (ctx, owner) => setIn(ctx, owner, ['securityContext', 'runAsNonRoot'], { boolean: true }),
  ];
}

const RUNTIME_DEFAULT = {
  text: 'RuntimeDefault',
  quote: false,
  keeps: (type: string) => type.toLowerCase() !== 'unconfined',
};

export function containerSteps(ruleId: string, input: StepInput): Step[] {
  const { values } = input;
  switch (ruleId) {
    case 'D04.privileged':
      return [(ctx, c) => setIn(ctx, c, ['securityContext', 'privileged'], { boolean: false })];
    case 'D04.no-new-privileges':
      return [(ctx, c) => setIn(ctx, c, ['securityContext', 'allowPrivilegeEscalation'], { boolean: false })];
    case 'D04.capabilities-not-dropped':
      return [(ctx, c) => setIn(ctx, c, ['securityContext', 'capabilities', 'drop'], { item: 'ALL' })];
    case 'D09.writable-rootfs':
      return [(ctx, c) => setIn(ctx, c, ['securityContext', 'readOnlyRootFilesystem'], { boolean: true })];
    case 'D07.no-memory-limit':
      return [
        (ctx, c) =>
          setIn(ctx, c, ['resources', 'limits', 'memory'], {
            text: kubernetesMemory(values.memory),
            quote: false,
            keeps: isBounded,
          }),
      ];
    case 'D07.no-cpu-limit':
      return [
        (ctx, c) =>
          setIn(ctx, c, ['resources', 'limits', 'cpu'], { text: values.cpus, quote: true, keeps: isBounded }),
      ];
    case 'D01.workload-root-user':
      return nonRootSteps(values.uid);
    case 'D04.seccomp-disabled':
      return [
        (ctx, c, pod) => {
          // Unconfined on the container is replaced there; a profile missing everywhere goes in the pod spec.
          if (scalarAt(c, ['securityContext', 'seccompProfile', 'type']) !== undefined)
            return setIn(ctx, c, ['securityContext', 'seccompProfile', 'type'], RUNTIME_DEFAULT);
          if (!pod) throw new CannotFix('the container is not inside a pod spec');
          return setIn(ctx, pod, ['securityContext', 'seccompProfile', 'type'], RUNTIME_DEFAULT);
        },
      ];
    case 'D06.service-account-token':
      return [inPod((ctx, pod) => setIn(ctx, pod, ['automountServiceAccountToken'], { boolean: false }))];
    default:
      return [];
  }
}

export function podSteps(ruleId: string, input: StepInput): Step[] {
  const own =
    (step: (ctx: EditContext, pod: YAMLMap) => Edit[]): Step =>
    (ctx, pod) =>
      step(ctx, pod);
  switch (ruleId) {
    case 'D01.workload-root-user':
      return nonRootSteps(input.values.uid).map(own);
    case 'D04.seccomp-disabled':
      return [
        own((ctx, pod) => setIn(ctx, pod, ['securityContext', 'seccompProfile', 'type'], RUNTIME_DEFAULT)),
      ];
    case 'D06.service-account-token':
      return [own((ctx, pod) => setIn(ctx, pod, ['automountServiceAccountToken'], { boolean: false }))];
    default:
      return [];
  }
}
