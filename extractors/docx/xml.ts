/** Small helpers over @xmldom/xmldom for WordprocessingML. */
import { DOMParser } from '@xmldom/xmldom';

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

export type XmlElement = globalThis.Element;

export function parseXml(text: string): XmlElement | undefined {
  let failed = false;
  const doc = new DOMParser({
    errorHandler: {
      warning: () => {},
      error: () => {
        failed = true;
      },
      fatalError: () => {
        failed = true;
      },
    },
  }).parseFromString(text, 'text/xml');
  const root = doc?.documentElement as unknown as XmlElement | null;
  return failed || !root ? undefined : root;
}

export function elementChildren(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as XmlElement);
  return out;
}

/** Direct children with this local name (any prefix). */
export function children(el: XmlElement, name: string): XmlElement[] {
  return elementChildren(el).filter((c) => c.localName === name);
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el ? elementChildren(el).find((c) => c.localName === name) : undefined;
}

/** A w: attribute, e.g. attr(el, 'val') for w:val. */
export function attr(el: XmlElement | undefined, name: string): string | undefined {
  if (!el) return undefined;
  const value = el.getAttributeNS(W, name) || el.getAttribute(`w:${name}`);
  return value === null || value === '' ? undefined : value;
}

/** The first descendant with this local name, depth first. */
export function descendant(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of elementChildren(el)) {
    if (c.localName === name) return c;
    const found = descendant(c, name);
    if (found) return found;
  }
  return undefined;
}
