// Engine API answers for rule examples (`dt10 explain`, docs/rules.md): a snapshot of one engine with one
// container, as test/rule-tester.ts `engineFindingsFor` and the engine reader map it.
const CONTAINER_ID = 'c0ffee'.padEnd(64, '0');
const IMAGE_ID = `sha256:${'a1'.repeat(32)}`;

/** One container `web` of image `registry.example.com/web:1.4` (id IMAGE_ID), running unless said. */
export function engineExample(parts: {
  container?: Record<string, unknown>;
  image?: Record<string, unknown>;
  referenceNow?: string;
  top?: { user: string; command: string }[];
  changes?: { Path: string; Kind: number }[];
}): string {
  const snapshot = {
    containers: [
      {
        Id: CONTAINER_ID,
        Name: '/web',
        Image: IMAGE_ID,
        State: { Status: 'running', Running: true },
        Config: { Image: 'registry.example.com/web:1.4', User: '10001' },
        ...parts.container,
      },
    ],
    images: { [IMAGE_ID]: { Id: IMAGE_ID, RepoTags: ['registry.example.com/web:1.4'], ...parts.image } },
    references: { 'registry.example.com/web:1.4': parts.referenceNow ?? IMAGE_ID },
    ...(parts.top
      ? {
          processes: {
            [CONTAINER_ID]: {
              Titles: ['UID', 'PID', 'CMD'],
              Processes: parts.top.map((p, i) => [p.user, String(i + 1), p.command]),
            },
          },
        }
      : {}),
    ...(parts.changes ? { changes: { [CONTAINER_ID]: parts.changes } } : {}),
  };
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}
