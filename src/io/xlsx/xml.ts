// A small non-validating XML scanner for the parts of an .xlsx we read. Element and attribute names are
// reported without their namespace prefix (SpreadsheetML written with `x:` by the OpenXML SDK, Strict
// OOXML's other namespaces and the usual unprefixed form all read alike). Only the five predefined
// entities and character references are expanded: a DOCTYPE's own entities are never (no entity bombs).

export type Attrs = Record<string, string>;

export interface XmlHandler {
  open(name: string, attrs: Attrs, selfClosing: boolean): void;
  close?(name: string): void;
  text?(text: string): void;
}

/**
 * The text of an XML part as an XML parser reads it: a byte-order mark (UTF-8, UTF-16LE/BE) first, else the
 * declared encoding (GBK, ISO-8859-1, ... as LibreOffice and Excel honour it), else UTF-8. The declaration in
 * the result says UTF-8, so that a part we rewrite (written as UTF-8) stays true to it.
 */
export function decodeXml(bytes: Uint8Array): string {
  // Buffer's decoders for UTF-8 and UTF-16LE: TextDecoder takes twice the memory on a part of hundreds of MB
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let text: string;
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) text = buf.toString('utf8', 3);
  else if (buf[0] === 0xff && buf[1] === 0xfe) text = buf.toString('utf16le', 2);
  else if (buf[0] === 0xfe && buf[1] === 0xff) text = new TextDecoder('utf-16be').decode(buf.subarray(2));
  else if (buf[0] === 0x3c && buf[1] === 0x00) text = buf.toString('utf16le');
  else if (buf[0] === 0x00 && buf[1] === 0x3c) text = new TextDecoder('utf-16be').decode(buf);
  else {
    const declared = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(String.fromCharCode(...buf.subarray(0, 200)))?.[1].toLowerCase();
    let decoder: { decode(b: Uint8Array): string } | undefined;
    if (declared && !/^utf-?8$/.test(declared)) {
      try {
        decoder = new TextDecoder(declared);
      } catch {
        // an encoding the platform does not know: read as UTF-8
      }
    }
    text = decoder ? decoder.decode(buf) : buf.toString('utf8');
  }
  // only when it names another encoding: rewriting a part of hundreds of MB would hold it twice
  const decl = /^(\s*<\?xml[^>]*?encoding\s*=\s*["'])([^"']*)["']/.exec(text.slice(0, 300));
  return decl && !/^utf-?8$/i.test(decl[2]) ? decl[1] + 'UTF-8' + text.slice(decl[1].length + decl[2].length) : text;
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ENTITY[e] ?? m;
  });
}

function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function parseAttrs(tag: string, from: number, to: number): Attrs {
  const attrs: Attrs = {};
  let i = from;
  while (i < to) {
    while (i < to && isSpace(tag.charCodeAt(i))) i++;
    if (i >= to) break;
    const nameStart = i;
    while (i < to && tag[i] !== '=' && !isSpace(tag.charCodeAt(i))) i++;
    const qname = tag.slice(nameStart, i);
    while (i < to && isSpace(tag.charCodeAt(i))) i++;
    if (tag[i] !== '=') {
      i++;
      continue;
    }
    i++;
    while (i < to && isSpace(tag.charCodeAt(i))) i++;
    const q = tag[i];
    if (q !== '"' && q !== "'") break;
    const end = tag.indexOf(q, i + 1);
    if (end < 0 || end > to) break;
    const value = tag.slice(i + 1, end);
    i = end + 1;
    if (qname.startsWith('xmlns')) continue;
    // a prefixed attribute (r:id) is kept under its local name unless an unprefixed one is there
    const ln = localName(qname);
    if (ln === qname || !(ln in attrs)) attrs[ln] = decodeEntities(value);
    if (ln !== qname) attrs[qname] = decodeEntities(value);
  }
  return attrs;
}

/** Scans `xml`, calling the handler for each element start, end and text run (text entity-decoded). */
export function scanXml(xml: string, h: XmlHandler): void {
  const n = xml.length;
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      if (h.text && i < n) h.text(decodeEntities(xml.slice(i)));
      return;
    }
    if (lt > i && h.text) h.text(decodeEntities(xml.slice(i, lt)));
    const c1 = xml.charCodeAt(lt + 1);
    if (c1 === 63 /* ? */) {
      const e = xml.indexOf('?>', lt + 2);
      i = e < 0 ? n : e + 2;
      continue;
    }
    if (c1 === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const e = xml.indexOf('-->', lt + 4);
        i = e < 0 ? n : e + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const e = xml.indexOf(']]>', lt + 9);
        if (h.text) h.text(xml.slice(lt + 9, e < 0 ? n : e));
        i = e < 0 ? n : e + 3;
      } else {
        // <!DOCTYPE ...> with an internal subset in brackets: skipped whole, its entities ignored
        let depth = 0;
        let j = lt + 2;
        for (; j < n; j++) {
          const ch = xml[j];
          if (ch === '[') depth++;
          else if (ch === ']') depth--;
          else if (ch === '>' && depth <= 0) break;
        }
        i = j + 1;
      }
      continue;
    }
    // find the tag's end, skipping '>' inside quoted attribute values
    let j = lt + 1;
    let quote = 0;
    for (; j < n; j++) {
      const ch = xml.charCodeAt(j);
      if (quote) {
        if (ch === quote) quote = 0;
      } else if (ch === 34 || ch === 39) quote = ch;
      else if (ch === 62 /* > */) break;
    }
    if (j >= n) return; // truncated document: stop at what is complete
    if (c1 === 47 /* / */) {
      if (h.close) h.close(localName(xml.slice(lt + 2, j).trim()));
      i = j + 1;
      continue;
    }
    const selfClosing = xml.charCodeAt(j - 1) === 47;
    const end = selfClosing ? j - 1 : j;
    let k = lt + 1;
    while (k < end && !isSpace(xml.charCodeAt(k))) k++;
    const name = localName(xml.slice(lt + 1, k));
    h.open(name, k < end ? parseAttrs(xml, k, end) : {}, selfClosing);
    if (selfClosing && h.close) h.close(name);
    i = j + 1;
  }
}
