// The JSON reporter: the contract's key order and nulls, one finding per line, whatever a message holds.
import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/json.js';
import { finding, JSON_FINDING_KEYS, scanResult } from './fixtures.js';

describe('renderJson', () => {
  it('writes one finding per line, even when a message looks like the boundary between two', () => {
    const tricky = finding({
      message: 'a message with },{"ruleId":"D00.fake"} and a newline\nand → arrows',
      evidence: '},\n    {"ruleId":',
    });
    const engine = finding({
      ruleId: 'D04.privileged',
      location: {
        engine: 'unix:///var/run/docker.sock',
        object: 'container/web',
        field: 'HostConfig.Privileged',
      },
    });
    const image = finding({
      ruleId: 'D06.secret-file',
      location: { image: 'app.tar', archive: 'app.tar', object: 'file /root/.ssh/id_rsa' },
    });
    const text = renderJson(scanResult({ findings: [tricky, engine, image] }));
    const report = JSON.parse(text) as { findings: Record<string, unknown>[]; suppressed: unknown[] };
    expect(report.findings.map((f) => f.message)).toEqual([tricky.message, engine.message, image.message]);
    expect(report.findings[0]!.evidence).toBe(tricky.evidence);
    expect(report.findings[1]!.location).toEqual({
      engine: 'unix:///var/run/docker.sock',
      object: 'container/web',
      field: 'HostConfig.Privileged',
    });
    expect(report.findings[2]!.location).toEqual({
      image: 'app.tar',
      archive: 'app.tar',
      object: 'file /root/.ssh/id_rsa',
      field: null,
    });
    // Each finding is one line of the text, in the contract's key order.
    const lines = text.split('\n').filter((line) => line.startsWith('    {"ruleId":'));
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      const item = JSON.parse(line.replace(/,$/, '')) as Record<string, unknown>;
      expect(Object.keys(item)).toEqual(JSON_FINDING_KEYS);
    }
    expect(text).toContain('"suppressed": [],');
  });
});
