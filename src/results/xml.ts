/**
 * A small XML reader for test reports: elements, attributes, text, CDATA, comments, the five
 * named entities and numeric character references. No DTDs (a DOCTYPE is skipped, never
 * expanded), no namespaces beyond keeping prefixed names as they are. Malformed input is an
 * XmlError naming the line.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The text directly inside the element, CDATA included, entities decoded. */
  text: string;
}

export class XmlError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const NAME = /[A-Za-z_:][\w:.-]*/y;
const ATTRIBUTE = /\s+([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;

/** Parses a document and returns its root element. */
export function parseXml(text: string): XmlElement {
  const reader = new Reader(text.replace(/^\uFEFF/, ""));
  return reader.document();
}

class Reader {
  #at = 0;
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  document(): XmlElement {
    this.#misc();
    if (this.#text[this.#at] !== "<") this.#fail("expected the root element");
    const root = this.#element();
    this.#misc();
    if (this.#at < this.#text.length) this.#fail("content after the root element");
    return root;
  }

  /** Whitespace, comments, processing instructions and a DOCTYPE, between elements at the top. */
  #misc(): void {
    for (;;) {
      while (/\s/.test(this.#text[this.#at] ?? "")) this.#at++;
      if (this.#text.startsWith("<?", this.#at)) this.#skipPast("?>");
      else if (this.#text.startsWith("<!--", this.#at)) this.#skipPast("-->");
      else if (this.#text.startsWith("<!DOCTYPE", this.#at)) this.#skipDoctype();
      else return;
    }
  }

  #element(): XmlElement {
    this.#at++; // "<"
    const name = this.#name();
    const attributes: Record<string, string> = {};
    for (;;) {
      ATTRIBUTE.lastIndex = this.#at;
      const match = ATTRIBUTE.exec(this.#text);
      if (!match) break;
      attributes[match[1]!] = decode(match[2] ?? match[3] ?? "", () => this.#line());
      this.#at = ATTRIBUTE.lastIndex;
    }
    while (/\s/.test(this.#text[this.#at] ?? "")) this.#at++;
    const element: XmlElement = { name, attributes, children: [], text: "" };
    if (this.#text.startsWith("/>", this.#at)) {
      this.#at += 2;
      return element;
    }
    if (this.#text[this.#at] !== ">") this.#fail(`malformed start tag <${name}>`);
    this.#at++;
    this.#content(element);
    return element;
  }

  #content(element: XmlElement): void {
    for (;;) {
      const next = this.#text.indexOf("<", this.#at);
      if (next === -1) this.#fail(`<${element.name}> is not closed`);
      element.text += decode(this.#text.slice(this.#at, next), () => this.#line());
      this.#at = next;
      if (this.#text.startsWith("</", next)) {
        this.#at += 2;
        const name = this.#name();
        if (name !== element.name) this.#fail(`</${name}> closes <${element.name}>`);
        while (/\s/.test(this.#text[this.#at] ?? "")) this.#at++;
        if (this.#text[this.#at] !== ">") this.#fail(`malformed end tag </${name}>`);
        this.#at++;
        return;
      }
      if (this.#text.startsWith("<![CDATA[", next)) {
        const end = this.#text.indexOf("]]>", next);
        if (end === -1) this.#fail("CDATA section is not closed");
        element.text += this.#text.slice(next + 9, end);
        this.#at = end + 3;
      } else if (this.#text.startsWith("<!--", next)) this.#skipPast("-->");
      else if (this.#text.startsWith("<?", next)) this.#skipPast("?>");
      else element.children.push(this.#element());
    }
  }

  #name(): string {
    NAME.lastIndex = this.#at;
    const match = NAME.exec(this.#text);
    if (!match) this.#fail("expected an element name");
    this.#at = NAME.lastIndex;
    return match[0];
  }

  /** Skipped whole, internal subset included: its entities are never defined, so never expanded. */
  #skipDoctype(): void {
    const bracket = this.#text.indexOf("[", this.#at);
    const close = this.#text.indexOf(">", this.#at);
    if (bracket !== -1 && bracket < close) this.#skipPast("]");
    this.#skipPast(">");
  }

  #skipPast(end: string): void {
    const at = this.#text.indexOf(end, this.#at);
    if (at === -1) this.#fail(`expected "${end}"`);
    this.#at = at + end.length;
  }

  #line(): number {
    let line = 1;
    for (let i = 0; i < this.#at && i < this.#text.length; i++) if (this.#text.charCodeAt(i) === 10) line++;
    return line;
  }

  #fail(message: string): never {
    throw new XmlError(message, this.#line());
  }
}

function decode(text: string, line: () => number): string {
  if (!text.includes("&")) return text;
  return text.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(";")) throw new XmlError(`"&" must start an entity such as &amp;`, line());
    if (ref in NAMED) return NAMED[ref]!;
    const code = /^#x([0-9a-fA-F]+)$/.exec(ref)?.[1] ?? /^#(\d+)$/.exec(ref)?.[1];
    if (code === undefined) throw new XmlError(`unknown entity &${ref};`, line());
    const value = Number.parseInt(code, ref.startsWith("#x") ? 16 : 10);
    if (!(value > 0 && value <= 0x10ffff)) throw new XmlError(`invalid character reference &${ref};`, line());
    return String.fromCodePoint(value);
  });
}
