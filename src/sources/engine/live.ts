// What only a live engine knows about a container: its state, the image it runs (age, registry origin,
// whether its tag has moved on), its processes (`/top`) and what changed in its filesystem (`/changes`).
import type { EngineLocation, Placed } from '../../core/location.js';
import type { LiveProcess, LiveState } from '../../subjects/workload.js';
import type { ApiContainer, ApiTop } from './api-types.js';
import { containerObject } from './container.js';
import type { EngineSnapshot } from './snapshot.js';

const CHANGE_KINDS = ['modified', 'added', 'deleted'] as const;

/** `/top` rows as user and command, by the column titles ps printed (`UID`/`USER`, `CMD`/`COMMAND`). */
export function processesOf(top: ApiTop): LiveProcess[] {
  const titles = top.Titles ?? [];
  const userColumn = titles.findIndex((title) => title === 'UID' || title === 'USER');
  const commandColumn = titles.findIndex((title) => title === 'CMD' || title === 'COMMAND');
  if (userColumn < 0 || commandColumn < 0) return [];
  return (top.Processes ?? []).map((row) => ({
    user: row[userColumn] ?? '',
    command: row[commandColumn] ?? '',
  }));
}

export function liveState(container: ApiContainer, snapshot: EngineSnapshot, engine: string): LiveState {
  const object = containerObject(container);
  const placed = <T>(value: T, field: string): Placed<T> => ({
    value,
    at: { engine, object, field } as EngineLocation,
  });
  const state: LiveState = { status: container.State?.Status ?? 'unknown' };
  if (container.Image) state.imageId = container.Image;
  const image = container.Image ? snapshot.images?.[container.Image] : undefined;
  if (image) {
    const imageAt: EngineLocation = {
      engine,
      object: `image/${image.RepoTags?.[0] ?? image.Id.slice(7, 19)}`,
    };
    state.image = {
      repoDigests: { value: image.RepoDigests ?? [], at: { ...imageAt, field: 'RepoDigests' } },
    };
    if (image.Created) state.image.created = { value: image.Created, at: { ...imageAt, field: 'Created' } };
  }
  const reference = container.Config?.Image;
  const now = reference ? snapshot.references?.[reference] : undefined;
  if (now) state.referenceNow = placed(now, 'Config.Image');
  const top = snapshot.processes?.[container.Id];
  if (top) state.processes = placed(processesOf(top), 'top');
  const changes = snapshot.changes?.[container.Id];
  if (changes)
    state.changes = placed(
      changes.map((change) => ({ path: change.Path, kind: CHANGE_KINDS[change.Kind] ?? 'modified' })),
      'changes',
    );
  return state;
}
