import { describe, expect, it } from 'vitest';
import { fanOutOf, fanOuts, nodeFanOuts } from './fan-out.js';

describe('outputs that lead to several steps', () => {
  it('counts distinct targets per output and keeps only those with two or more', () => {
    const fans = fanOuts({
      edges: [
        { from: 'c', port: 'true', to: 'a' },
        { from: 'c', port: 'true', to: 'b' },
        { from: 'c', port: 'true', to: 'b' }, // a repeated edge is one branch
        { from: 'c', port: 'false', to: 'd' },
        { from: 'w', port: 'success', to: 'd' },
      ],
    });
    expect(fanOutOf(fans, 'c', 'true')).toBe(2);
    expect(fanOutOf(fans, 'c', 'false')).toBe(0);
    expect(nodeFanOuts(fans, 'c', ['true', 'false'])).toEqual({ true: 2 });
    expect(nodeFanOuts(fans, 'w', ['success', 'error'])).toBeUndefined();
  });
});
