// ImageContents (what the archive holds) → ImageSpec (the subject image rules judge): the config's fields
// each with the place findings point at, history with the layer each step made, digest problems as
// integrity facts.
import type { ImageLocation, Located } from '../../core/location.js';
import type { DigestMismatch, ImageHistoryEntry, ImageSpec } from '../../subjects/image-spec.js';
import { isObject } from './json-blob.js';
import type { ImageContents } from './types.js';

export interface ImageName {
  /** How findings name the image: the archive's path, or `engine image/name`. */
  image: string;
  /** The archive's path when the image is a file of the scanned tree. */
  archive?: string;
  /** Registry digests known from elsewhere (an engine's `RepoDigests`). */
  repoDigests?: string[];
  /** The name the image was asked for by (an engine export), when the archive does not say. */
  reference?: string;
}

export function imageSpec(contents: ImageContents, name: ImageName): ImageSpec {
  const root: ImageLocation = {
    image: name.image,
    ...(name.archive !== undefined ? { archive: name.archive } : {}),
    object: 'image',
  };
  const at = (object: string, field?: string): ImageLocation => ({
    ...root,
    object,
    ...(field !== undefined ? { field } : {}),
  });
  const raw = isObject(contents.config.raw) ? contents.config.raw : {};
  const config = isObject(raw.config) ? raw.config : {};
  const located = <T>(value: T, field: string): Located<T, ImageLocation> => ({
    value,
    at: at('config', field),
  });

  const env: ImageSpec['env'] = [];
  if (Array.isArray(config.Env))
    config.Env.forEach((entry: unknown, index) => {
      if (typeof entry !== 'string') return;
      const equals = entry.indexOf('=');
      const variable =
        equals < 0
          ? { name: entry, value: '' }
          : { name: entry.slice(0, equals), value: entry.slice(equals + 1) };
      env.push(located(variable, `Config.Env[${index}]`));
    });
  const exposedPorts = isObject(config.ExposedPorts)
    ? Object.keys(config.ExposedPorts).map((port) => located(port, 'Config.ExposedPorts'))
    : [];
  const labels: Record<string, string> = {};
  if (isObject(config.Labels))
    for (const [key, value] of Object.entries(config.Labels))
      if (typeof value === 'string') labels[key] = value;

  let healthcheck: ImageSpec['healthcheck'];
  if (isObject(config.Healthcheck) && Array.isArray(config.Healthcheck.Test)) {
    const test = config.Healthcheck.Test.filter((part): part is string => typeof part === 'string');
    // An empty Test inherits the base's healthcheck, which the config then no longer shows: treat as none.
    if (test.length > 0) healthcheck = located({ disabled: test[0] === 'NONE', test }, 'Config.Healthcheck');
  }

  const history: ImageHistoryEntry[] = [];
  if (Array.isArray(raw.history)) {
    let layer = 0;
    raw.history.forEach((entry: unknown, index) => {
      if (!isObject(entry)) return;
      const empty = entry.empty_layer === true;
      history.push({
        index,
        createdBy: typeof entry.created_by === 'string' ? entry.created_by : '',
        ...(empty ? {} : { layer: layer < contents.layers.length ? layer : undefined }),
        ...(typeof entry.created === 'string' ? { created: entry.created } : {}),
      });
      if (!empty) layer++;
    });
  }

  const mismatches: DigestMismatch[] = [];
  for (const problem of contents.problems)
    if (problem.digestMismatch !== undefined)
      mismatches.push({ object: problem.digestMismatch, message: problem.message });

  const reference = contents.reference ?? name.reference;
  return {
    kind: 'image',
    name: name.image,
    at: root,
    format: contents.format,
    ...(reference !== undefined ? { reference } : {}),
    platform: contents.platform,
    otherPlatforms: contents.otherPlatforms,
    id: contents.config.digest,
    ...(typeof raw.created === 'string' ? { created: located(raw.created, 'created') } : {}),
    ...(typeof config.User === 'string' ? { user: located(config.User, 'Config.User') } : {}),
    env,
    exposedPorts,
    ...(healthcheck !== undefined ? { healthcheck } : {}),
    labels,
    history,
    layers: contents.layers.map((layer) => ({
      index: layer.index,
      digest: layer.digest,
      ...(layer.diffId !== undefined ? { diffId: layer.diffId } : {}),
      compressed: layer.compressed,
      verified: layer.verified,
      ...(layer.createdBy !== undefined ? { createdBy: layer.createdBy } : {}),
    })),
    files: contents.files,
    deleted: contents.deleted,
    contents: contents.contents,
    ...(name.repoDigests !== undefined ? { repoDigests: name.repoDigests } : {}),
    ...(contents.attachments !== undefined ? { attachments: contents.attachments } : {}),
    mismatches,
  };
}
