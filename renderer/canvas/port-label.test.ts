import { describe, expect, it } from 'vitest';
import { portLabel } from './port-label.js';

describe('port labels', () => {
  it('shows an output the admin named exactly as named (an expression must give that name)', () => {
    expect(portLabel('switch', 'customerEnd', 'en')).toBe('customerEnd');
    expect(portLabel('switch', 'task.created', 'ja')).toBe('task.created');
  });

  it('words the node types’ own ports in the UI language', () => {
    expect(portLabel('switch', 'default', 'en')).toBe('Default');
    expect(portLabel('switch', 'default', 'ja')).toBe('既定');
    expect(portLabel('condition', 'true', 'en')).toBe('True');
  });
});
