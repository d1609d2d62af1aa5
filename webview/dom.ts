/**
 * DOM construction with text only: every string goes through textContent (never innerHTML),
 * because evidence excerpts are raw production log lines and must not be interpreted.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: { className?: string; text?: string; title?: string } = {},
  ...children: (Node | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.text !== undefined) element.textContent = options.text;
  if (options.title) element.title = options.title;
  for (const child of children) if (child) element.appendChild(child);
  return element;
}
