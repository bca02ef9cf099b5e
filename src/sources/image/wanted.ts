// The files whose contents an image read keeps by default: what says which OS and packages the image has,
// its users and groups, and files whose names mark them as keys or credentials. Everything else is listed
// (path, type, mode, owner, size) but not read.

const EXACT = new Set([
  '/etc/os-release',
  '/usr/lib/os-release',
  '/etc/lsb-release',
  '/etc/alpine-release',
  '/etc/debian_version',
  '/etc/redhat-release',
  '/etc/passwd',
  '/etc/shadow',
  '/etc/group',
  '/etc/gshadow',
  '/etc/sudoers',
  '/var/lib/dpkg/status',
  '/lib/apk/db/installed',
  '/usr/lib/apk/db/installed',
]);

/** Directories whose every file is read: distroless keeps one dpkg status file per package. */
const DIRECTORIES = ['/var/lib/dpkg/status.d/', '/etc/sudoers.d/'];

const SECRET_NAMES = new Set([
  'id_rsa',
  'id_dsa',
  'id_ecdsa',
  'id_ed25519',
  '.netrc',
  '.npmrc',
  '.pypirc',
  '.git-credentials',
  '.pgpass',
  '.my.cnf',
  '.htpasswd',
  '.env',
  'credentials',
  'credentials.json',
  'secrets.json',
  'secrets.yaml',
  'secrets.yml',
  '.vault-token',
  '.s3cfg',
  '.dockercfg',
  '.boto',
  'service-account.json',
]);

const SECRET_PATTERN =
  /\.(?:pem|key|p12|pfx|jks|keystore|ppk|kdbx|ovpn)$|^\.env\.[^/]+$|^ssh_host_[a-z0-9]+_key$|^\.docker\/config\.json$|^\.kube\/config$|^client_secret[^/]*\.json$|^\.aws\/(?:credentials|config)$/;

/** Secret candidates larger than this are not keys or credential files. */
const SECRET_MAX_BYTES = 1024 * 1024;

/** The default `wantContent` of `readImage`. */
export function defaultWantContent(path: string, size: number): boolean {
  if (EXACT.has(path)) return true;
  for (const dir of DIRECTORIES) if (path.startsWith(dir)) return true;
  if (size > SECRET_MAX_BYTES) return false;
  const slash = path.lastIndexOf('/');
  const name = path.slice(slash + 1);
  if (SECRET_NAMES.has(name)) return true;
  const parent = path.slice(path.lastIndexOf('/', slash - 1) + 1);
  return SECRET_PATTERN.test(name) || SECRET_PATTERN.test(parent);
}
