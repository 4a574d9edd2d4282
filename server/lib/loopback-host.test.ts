import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from './loopback-host.ts';

describe('isLoopbackHost', () => {
  it('accepts loopback names and addresses, with or without a port', () => {
    for (const host of ['127.0.0.1:8377', '127.0.0.1', 'localhost:8377', 'LOCALHOST', 'baton.localhost:1', '[::1]:8377', '[::1]', '127.1.2.3']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
  });
  it('refuses any other name, including ones that merely contain a loopback name', () => {
    for (const host of [undefined, '', 'evil.example', 'evil.example:8377', '127.0.0.1.evil.example', 'localhost.evil.example', '[::2]:8377', '0.0.0.0', '10.0.0.1']) {
      expect(isLoopbackHost(host), String(host)).toBe(false);
    }
  });
});
