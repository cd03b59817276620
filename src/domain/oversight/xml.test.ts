import { describe, expect, it } from 'vitest';
import { xmlDocument } from './xml.ts';

describe('Open311 XML', () => {
  it('repeats array items and escapes text', () => {
    expect(xmlDocument('services', [{ service_code: 'a&b', metadata: true, group: null }], { services: 'service' })).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<services><service><service_code>a&amp;b</service_code><metadata>true</metadata><group/></service></services>',
    );
  });
  it('drops characters XML cannot carry and keeps Vietnamese', () => {
    expect(xmlDocument('d', { t: 'Sở Tư pháp\u0000<script>' })).toContain('<t>Sở Tư pháp&lt;script&gt;</t>');
  });
});
