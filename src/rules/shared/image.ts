// What image rules share: how a message names the image, and the account files read from it.
import type { ImageSpec } from '../../subjects/index.js';

/** `image registry.example.com/app:1.0 (images/app.tar)`, or the archive alone when it names no reference. */
export function imageWho(image: ImageSpec): string {
  return image.reference !== undefined && image.reference !== image.name
    ? `image ${image.reference} (${image.name})`
    : `image ${image.name}`;
}

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
  /** The password field of /etc/passwd (`x` when /etc/shadow holds it). */
  password: string;
  /** 1-based line in /etc/passwd. */
  line: number;
}

/**
 * The content of a file of the final filesystem. `image.contents` also keeps what files a later layer deleted
 * held: those are not the image's files any more.
 */
export function finalContent(image: ImageSpec, path: string): string | undefined {
  return image.files.has(path) ? image.contents.get(path)?.text : undefined;
}

/** `/etc/passwd` of the image, parsed; empty when the image has none (scratch, distroless static). */
export function passwdEntries(image: ImageSpec): PasswdEntry[] {
  const text = finalContent(image, '/etc/passwd');
  if (text === undefined) return [];
  const entries: PasswdEntry[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const fields = line.split(':');
    if (fields.length < 7) return;
    // Only decimal ids: `Number('')` is 0, and NIS lines (`+::::::`) have none.
    if (!/^\d+$/.test(fields[2]!) || !/^\d+$/.test(fields[3]!)) return;
    const uid = Number(fields[2]);
    const gid = Number(fields[3]);
    entries.push({
      name: fields[0]!,
      password: fields[1]!,
      uid,
      gid,
      home: fields[5]!,
      shell: fields[6]!,
      line: index + 1,
    });
  });
  return entries;
}

/** `/etc/shadow` of the image: account name → password hash field (and its line). */
export function shadowEntries(image: ImageSpec): Map<string, { hash: string; line: number }> {
  const text = finalContent(image, '/etc/shadow');
  const entries = new Map<string, { hash: string; line: number }>();
  if (text === undefined) return entries;
  text.split('\n').forEach((line, index) => {
    const fields = line.split(':');
    if (fields.length < 2 || fields[0] === '') return;
    entries.set(fields[0]!, { hash: fields[1]!, line: index + 1 });
  });
  return entries;
}

/**
 * The UID `Config.User` runs as: a number, or a name looked up in the image's /etc/passwd. Undefined when a
 * name is not in /etc/passwd (the engine would refuse to start it) or there is no /etc/passwd.
 */
export function imageUid(image: ImageSpec, user: string): number | undefined {
  const name = user.split(':')[0]!.trim();
  if (name === '') return 0;
  if (/^\d+$/.test(name)) return Number(name);
  return passwdEntries(image).find((entry) => entry.name === name)?.uid;
}
