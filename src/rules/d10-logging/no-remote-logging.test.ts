import { describe, expect, it } from 'vitest';
import { dockerdUnit, flagFindings, linesOf } from '../../../test/engine-tester.js';
import { testRule } from '../../../test/rule-tester.js';
import rule from './no-remote-logging.js';

testRule(rule, {
  daemon: {
    accept: [
      '{\n  "log-driver": "syslog",\n  "log-opts": { "syslog-address": "tcp+tls://logs:6514" }\n}\n',
      '{"log-driver": "journald"}',
      '{"log-driver": "fluentd"}',
    ],
    reject: [
      {
        name: 'not set',
        code: '{}',
        lines: [1],
        severity: 'info',
        messageIncludes: 'log-driver is not set, so the default json-file applies',
      },
      { name: 'json-file', code: '{\n  "icc": false,\n  "log-driver": "json-file"\n}\n', lines: [3] },
      {
        name: 'local',
        code: '{\n  "log-driver": "local"\n}\n',
        lines: [2],
        messageIncludes: 'log-driver is local',
      },
    ],
  },
});

describe('D10.no-remote-logging on dockerd flags', () => {
  it('rejects --log-driver=json-file', async () => {
    expect(linesOf(await flagFindings(rule, dockerdUnit('--log-driver=json-file')))).toEqual([3]);
  });
  it('accepts a remote driver, and leaves a unit without one to daemon.json', async () => {
    expect(await flagFindings(rule, dockerdUnit('--log-driver syslog'))).toEqual([]);
    expect(await flagFindings(rule, dockerdUnit('--icc=false'))).toEqual([]);
  });
});
