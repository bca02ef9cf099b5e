// An image of a live engine, audited as its archive: GET /images/{name}/json (its id and registry digests), then
// GET /images/{name}/get — the `docker save` tar — read as it streams (sources/image/stream.ts): nothing is
// written anywhere, and the engine is only read.
import { readImageStream } from '../sources/image/index.js';
import { imageSpec } from '../sources/image/spec.js';
import { ImageError, type ImageContents, type ReadImageOptions } from '../sources/image/index.js';
import type { ApiImage } from '../sources/engine/api-types.js';
import type { ImageSpec } from '../subjects/image-spec.js';
import { EngineRequestError, type EngineClient } from './client.js';

/** An export that could not be read at all: the message names the engine and the image. */
export class ImageExportError extends Error {
  override name = 'ImageExportError';

  constructor(
    message: string,
    /** True when the engine has no image by that name (404). */
    readonly missing = false,
  ) {
    super(message);
  }
}

export interface ExportedImage {
  /** `<engine> image/<name>`: how findings and errors name it. */
  image: string;
  contents: ImageContents;
  spec: ImageSpec;
}

/** How findings name an image of an engine. */
export function engineImageName(engine: string, name: string): string {
  return `${engine} image/${name}`;
}

/**
 * Exports `name` from the engine `client` speaks to (negotiated) and reads it. Throws ImageExportError when the
 * engine has no such image, cannot export it, or the export is no readable image (a stream that broke off
 * before its manifest); problems of an image that was read are in `contents.problems`.
 */
export async function exportImage(
  client: EngineClient,
  name: string,
  options: ReadImageOptions = {},
): Promise<ExportedImage> {
  const engine = client.label;
  const image = engineImageName(engine, name);
  const path = `/images/${encodeURIComponent(name)}`;
  let inspect: ApiImage;
  try {
    inspect = await client.get<ApiImage>(`${path}/json`);
  } catch (error) {
    if (error instanceof EngineRequestError && error.status === 404)
      throw new ImageExportError(`engine ${engine} has no image ${name}`, true);
    throw new ImageExportError(`engine ${engine}: cannot inspect image ${name}: ${describe(error)}`);
  }
  let body;
  try {
    ({ body } = await client.stream(`${path}/get`));
  } catch (error) {
    if (error instanceof EngineRequestError && error.status === 404)
      throw new ImageExportError(`engine ${engine} has no image ${name}`, true);
    throw new ImageExportError(`engine ${engine}: cannot export image ${name}: ${describe(error)}`);
  }
  let contents: ImageContents;
  try {
    contents = await readImageStream(body, image, options);
  } catch (error) {
    if (!(error instanceof ImageError)) throw error;
    // The reader names its source (`<engine> image/<name>`) first: said the way engine errors are.
    const said = error.message.startsWith(image) ? error.message.slice(image.length) : `: ${error.message}`;
    throw new ImageExportError(`engine ${engine}: image ${name}${said}`);
  } finally {
    body.destroy();
  }
  if (contents.config.digest !== '' && inspect.Id !== contents.config.digest) {
    // A tag moved between the two requests: the export is of another image than the one inspected.
    contents.problems.push({
      severity: 'warning',
      message: `the engine's ${name} was ${inspect.Id} when inspected; the export is of ${contents.config.digest}`,
    });
  }
  const spec = imageSpec(contents, {
    image,
    repoDigests: inspect.RepoDigests ?? [],
    reference: name,
  });
  return { image, contents, spec };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
