import { describe, expect, it } from 'vitest';
import { Deadlines } from './deadlines.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Deadlines', () => {
  it('expires an entry after its deadline, and only once', async () => {
    const deadlines = new Deadlines(50);
    let expired = 0;
    deadlines.start({ expire: () => expired++ });
    await sleep(20);
    expect(expired).toBe(0);
    await sleep(80);
    expect(expired).toBe(1);
    await sleep(30);
    expect(expired).toBe(1);
  });

  it('never expires an entry that ended in time, and keeps the others', async () => {
    const deadlines = new Deadlines(40);
    const expired: string[] = [];
    const first = deadlines.start({ expire: () => expired.push('first') });
    deadlines.start({ expire: () => expired.push('second') });
    await sleep(10);
    first.end();
    await sleep(80);
    expect(expired).toEqual(['second']);
  });

  it('starts a deadline again when something arrives, so an answer that keeps coming is never cut off', async () => {
    const deadlines = new Deadlines(60);
    const expired: string[] = [];
    const streaming = deadlines.start({ expire: () => expired.push('streaming') });
    deadlines.start({ expire: () => expired.push('silent') });
    for (let i = 0; i < 4; i++) {
      await sleep(30);
      streaming.touch();
    }
    // 120 ms in: the silent one is long gone, the streaming one still runs.
    expect(expired).toEqual(['silent']);
    await sleep(110);
    expect(expired).toEqual(['silent', 'streaming']);
  });

  it('expires later entries by their own deadlines', async () => {
    const deadlines = new Deadlines(60);
    const expired: string[] = [];
    deadlines.start({ expire: () => expired.push('early') });
    await sleep(40);
    deadlines.start({ expire: () => expired.push('late') });
    await sleep(45);
    expect(expired).toEqual(['early']);
    await sleep(60);
    expect(expired).toEqual(['early', 'late']);
  });

  it('holds no timer that keeps node running while entries wait', () => {
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timers();
    const deadlines = new Deadlines(60_000);
    const running = deadlines.start({ expire: () => undefined });
    // An unref'd timer is no active resource: node may exit while a request waits on its socket alone.
    expect(timers()).toBe(before);
    running.end();
    deadlines.start({ expire: () => undefined }).end();
    expect(timers()).toBe(before);
  });
});
