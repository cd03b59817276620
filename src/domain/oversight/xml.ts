/** The few lines of XML that Open311 needs: elements, text escaped, no attributes, no namespace. */
export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [key: string]: XmlValue };

// Characters XML 1.0 cannot carry at all: dropped rather than escaped.
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(text: string): string {
  return text.replace(INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/**
 * Serialises `value` under `name`. Arrays repeat their item element, named by `itemNames[name]`
 * (e.g. services → service); null and undefined become empty elements.
 */
export function toXml(name: string, value: XmlValue, itemNames: Record<string, string> = {}): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = itemNames[name] ?? 'item';
    return `<${name}>${value.map((v) => toXml(item, v, itemNames)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => toXml(k, v, itemNames))
      .join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export function xmlDocument(name: string, value: XmlValue, itemNames: Record<string, string> = {}): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${toXml(name, value, itemNames)}`;
}
