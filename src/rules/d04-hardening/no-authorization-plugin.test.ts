import { describe, expect, it } from 'vitest';
import { dockerdUnit, flagFindings, linesOf } from '../../../test/engine-tester.js';
import { testRule } from '../../../test/rule-tester.js';
import rule from './no-authorization-plugin.js';

testRule(rule, {
  daemon: {
    accept: ['{\n  "authorization-plugins": ["opa-docker-authz"]\n}\n'],
    reject: [
      {
        name: 'not set',
        code: '{\n  "icc": false\n}\n',
        lines: [1],
        messageIncludes: 'authorization-plugins is not set',
      },
      {
        name: 'an empty list',
        code: '{\n  "icc": false,\n  "authorization-plugins": []\n}\n',
        lines: [3],
        messageIncludes: 'is empty',
      },
    ],
  },
});

describe('D04.no-authorization-plugin on dockerd flags', () => {
  it('accepts --authorization-plugin, and leaves a unit without it to daemon.json', async () => {
    expect(await flagFindings(rule, dockerdUnit('--authorization-plugin=opa-docker-authz'))).toEqual([]);
    expect(await flagFindings(rule, dockerdUnit('--icc=false'))).toEqual([]);
  });
  it('leaves a DOCKER_OPTS file without the flag to daemon.json', async () => {
    expect(linesOf(await flagFindings(rule, 'DOCKER_OPTS="--icc=false"\n', 'docker.env'))).toEqual([]);
  });
});
