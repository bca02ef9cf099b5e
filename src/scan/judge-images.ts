// Reads image archives and layouts (sources/image) and judges each as soon as it is read: an image's file
// index is the largest thing a scan holds, so only one or two are alive at a time.
import type { Evaluator } from '../core/evaluator.js';
import type { ScanError } from '../core/finding.js';
import { ImageError, looksLikeImage, readImage, type ImageProblem } from '../sources/image/index.js';
import { imageSpec, type ImageName } from '../sources/image/spec.js';
import type { DiscoveredFile } from './discover.js';
import { mapBounded, type FileOutcome } from './judge-files.js';

export interface ImageReadOptions {
  /** `os/arch[/variant]` to choose from a multi-platform OCI index (default linux/amd64). */
  platform?: string;
}

/**
 * Images read at once: reading is I/O and inflating (zlib runs off the main thread), so two overlap well
 * on two cores; more only hold more file indexes in memory.
 */
const IMAGE_CONCURRENCY = 2;

export function judgeImages(
  files: readonly { file: DiscoveredFile; index: number }[],
  evaluator: Evaluator,
  options: ImageReadOptions,
): Promise<FileOutcome[]> {
  return mapBounded(files, IMAGE_CONCURRENCY, async ({ file, index }) => {
    const outcome: FileOutcome = {
      index,
      kubernetes: [],
      ignores: [],
      errors: [],
      unreadable: false,
      subjects: 0,
    };
    // A `.tar` found in the tree may be any tarball: only an image is ours to judge.
    if (!file.explicit && !(await looksLikeImage(file.path))) return outcome;
    const read = await readImageFile(file.path, { image: file.path, archive: file.path }, options);
    outcome.errors.push(...read.errors);
    if (read.unreadable) {
      outcome.unreadable = true;
      return outcome;
    }
    evaluator.run([read.spec!]);
    outcome.subjects = 1;
    return outcome;
  });
}

export interface ImageRead {
  spec?: ReturnType<typeof imageSpec>;
  errors: ScanError[];
  unreadable: boolean;
}

/** One image read into its subject; what could not be read becomes errors naming the image (and layer). */
export async function readImageFile(
  path: string,
  name: ImageName,
  options: ImageReadOptions,
): Promise<ImageRead> {
  try {
    const contents = await readImage(
      path,
      options.platform !== undefined ? { platform: options.platform } : {},
    );
    const errors = contents.problems
      // Digest mismatches are findings (D08.blob-digest-mismatch), not read errors.
      .filter((problem) => problem.digestMismatch === undefined)
      .map((problem) => problemError(name.image, problem));
    return { spec: imageSpec(contents, name), errors, unreadable: false };
  } catch (error) {
    const message =
      error instanceof ImageError
        ? error.message
        : `internal error while reading the image: ${error instanceof Error ? error.message : String(error)}`;
    return { errors: [{ path: name.image, message }], unreadable: true };
  }
}

function problemError(image: string, problem: ImageProblem): ScanError {
  const where = [
    problem.layer !== undefined ? `layer ${problem.layer}` : undefined,
    problem.path !== undefined ? problem.path : undefined,
  ].filter((part) => part !== undefined);
  const prefix = problem.severity === 'warning' ? 'warning: ' : '';
  return {
    path: image,
    message: `${prefix}${where.length > 0 ? `${where.join(' ')}: ` : ''}${problem.message}`,
  };
}
