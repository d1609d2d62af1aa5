/** SVG elements built with createElementNS; text only ever as textContent (labels are untrusted). */
const SVG = 'http://www.w3.org/2000/svg';

export type Attrs = Record<string, string | number>;

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | null | undefined)[]): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  for (const child of children) if (child) element.appendChild(child);
  return element;
}

export function text(content: string, attrs: Attrs): SVGTextElement {
  const element = svg('text', attrs);
  element.textContent = content;
  return element;
}

/** A tooltip: SVG <title>, filled with textContent. */
export function title(content: string): SVGTitleElement {
  const element = svg('title');
  element.textContent = content;
  return element;
}
