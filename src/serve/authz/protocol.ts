// Docker's authorization plugin protocol: the AuthZ request dockerd sends for each API call, its answer, and
// which API calls the plugin judges. Everything here reads what dockerd wrote; nothing judges it.
import { posix } from 'node:path';
import { foldKey } from './go-json.js';

/** What dockerd POSTs to `/AuthZPlugin.AuthZReq` (and, with the response fields, to `AuthZRes`). */
export interface AuthzRequest {
  /** The user the TLS client certificate names; empty without TLS authentication. */
  user: string;
  method: string;
  /** As the client sent it: `/v1.41/containers/create?name=web`. */
  uri: string;
  /** The API request's body, when dockerd forwarded it (JSON bodies of at most 1 MiB). */
  body?: Buffer;
}

/** The answer to AuthZReq and AuthZRes. dockerd shows `Msg` to the client of a denied request. */
export interface AuthzResponse {
  Allow: boolean;
  Msg?: string;
  Err?: string;
}

/** An AuthZ body dockerd could not have sent: answered with HTTP 400 and the message. */
export class BadAuthzRequest extends Error {
  override name = 'BadAuthzRequest';
}

/** Standard base64 with padding: what Go's encoding/json writes for a []byte. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function decodeBase64(text: string): Buffer {
  if (!BASE64.test(text)) throw new BadAuthzRequest('RequestBody is not base64');
  return Buffer.from(text, 'base64');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A string field, its key matched as Go's encoding/json matches it: dockerd writes `RequestUri` for the
 * field its code calls RequestURI, and plugins written in Go read either.
 */
function optionalString(object: Record<string, unknown>, key: string): string {
  const found = Object.keys(object).filter((name) => foldKey(name) === foldKey(key));
  const value = found.length > 0 ? object[found[found.length - 1]!] : undefined;
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new BadAuthzRequest(`${key} is not a string`);
  return value;
}

export function parseAuthzRequest(raw: Buffer): AuthzRequest {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new BadAuthzRequest(`body is not JSON: ${(error as Error).message}`);
  }
  if (!isObject(json)) throw new BadAuthzRequest('body is not a JSON object');
  const method = optionalString(json, 'RequestMethod');
  const uri = optionalString(json, 'RequestUri');
  if (method === '') throw new BadAuthzRequest('RequestMethod is missing');
  if (!uri.startsWith('/')) throw new BadAuthzRequest('RequestUri is missing or not a path');
  const request: AuthzRequest = { user: optionalString(json, 'User'), method, uri };
  const body = optionalString(json, 'RequestBody');
  if (body !== '') request.body = decodeBase64(body);
  return request;
}

/** The API calls the plugin judges; every other call is allowed. */
export type Route =
  | { kind: 'create'; name?: string }
  | { kind: 'update'; container: string }
  | { kind: 'exec'; container: string }
  /** Only before API 1.24, when a start may carry a HostConfig that replaces the container's own. */
  | { kind: 'start'; container: string };

/** `1.23` < 1.24: API versions compare by number, not as text. */
function versionBefore(version: string, major: number, minor: number): boolean {
  const [first = 0, second = 0] = version.split('.').map(Number);
  return first < major || (first === major && second < minor);
}

/**
 * The route dockerd's router will take for `uri`. The path is decoded and cleaned first, as the router
 * does (`/containers%2Fcreate` and `//v1.41/./containers/create` reach the create handler too), and the
 * version prefix (`/v1.41`) is optional.
 */
export function routeOf(method: string, uri: string): Route | undefined {
  if (method.toUpperCase() !== 'POST') return undefined;
  const question = uri.indexOf('?');
  const rawPath = question < 0 ? uri : uri.slice(0, question);
  let path: string;
  try {
    path = posix.normalize(decodeURIComponent(rawPath));
  } catch {
    throw new BadAuthzRequest(`RequestUri has a malformed escape: ${uri}`);
  }
  const match = /^(?:\/v([0-9.]+))?\/containers\/(?:(create)|([^/]+)\/(update|exec|start))$/.exec(path);
  if (!match) return undefined;
  const [, version, create, container, action] = match;
  if (create) {
    const name = new URLSearchParams(question < 0 ? '' : uri.slice(question + 1)).get('name');
    return name !== null && name !== '' ? { kind: 'create', name } : { kind: 'create' };
  }
  if (action === 'start')
    return version !== undefined && versionBefore(version, 1, 24)
      ? { kind: 'start', container: container! }
      : undefined;
  return { kind: action === 'update' ? 'update' : 'exec', container: container! };
}
