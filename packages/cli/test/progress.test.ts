import { describe, expect, it } from 'vitest';
import { createProgress } from '../src/progress.js';

function fakeStream(isTTY: boolean) {
  const lines: string[] = [];
  const stream = {
    isTTY,
    write: (s: string) => (lines.push(s), true),
  } as unknown as NodeJS.WriteStream;
  return { stream, lines };
}

describe('progress', () => {
  it('writes plain lines when not on a terminal: start, throttled updates, done', () => {
    const { stream, lines } = fakeStream(false);
    const p = createProgress({ stream, interval: 0 });
    p.start('betweenness', 200);
    p.update(50);
    p.update(100);
    p.stop();
    expect(lines[0]).toBe('betweenness: started (200 to do)\n');
    expect(lines[1]).toMatch(
      /^betweenness: 25% \(50\/200\), [\d.]+ s elapsed, about [\d.]+ s left\n$/,
    );
    expect(lines[2]).toMatch(/^betweenness: 50% \(100\/200\)/);
    expect(lines[3]).toMatch(/^betweenness: done in [\d.]+ s\n$/);
    expect(lines).toHaveLength(4);
  });

  it('says how far past an estimated total it went, with no negative time left', () => {
    const { stream, lines } = fakeStream(false);
    const p = createProgress({ stream, interval: 0 });
    p.start('relations (relations.csv)', 1000);
    p.update(1200);
    p.stop();
    expect(lines[1]).toMatch(
      /^relations \(relations\.csv\): 1,200 done \(estimated 1,000\), [\d.]+ s elapsed\n$/,
    );
  });

  it('throttles updates to the interval', () => {
    const { stream, lines } = fakeStream(false);
    const p = createProgress({ stream, interval: 60_000 });
    p.start('load', 10);
    for (let i = 1; i <= 10; i++) p.update(i);
    p.stop();
    expect(lines).toHaveLength(2); // start and done only
  });

  it('says nothing when quiet', () => {
    const { stream, lines } = fakeStream(false);
    const p = createProgress({ stream, quiet: true });
    p.start('x', 1);
    p.update(1);
    p.stop();
    expect(lines).toEqual([]);
  });
});
