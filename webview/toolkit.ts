/**
 * The only module that knows the component library (@vscode/webview-ui-toolkit, archived upstream
 * at 1.4.0 but working). It registers just the components the panel uses and exposes small
 * factories, so switching to @vscode-elements/elements would touch this file alone.
 *
 * Badges are plain spans styled with the theme's badge colors: the toolkit's vscode-badge
 * template binds an inline style attribute, which the panel's CSP (no 'unsafe-inline') blocks.
 */
import { provideVSCodeDesignSystem, vsCodeButton, vsCodeDivider } from '@vscode/webview-ui-toolkit';

export function registerToolkit(): void {
  provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeDivider());
}

export interface ButtonOptions {
  appearance?: 'primary' | 'secondary';
  disabled?: boolean;
  title?: string;
  className?: string;
}

export function button(label: string, onClick: () => void, options: ButtonOptions = {}): HTMLElement {
  const element = document.createElement('vscode-button');
  element.textContent = label;
  element.setAttribute('appearance', options.appearance ?? 'secondary');
  if (options.disabled) element.setAttribute('disabled', '');
  if (options.title) element.title = options.title;
  if (options.className) element.className = options.className;
  element.addEventListener('click', () => {
    if (!element.hasAttribute('disabled')) onClick();
  });
  return element;
}

export function badge(text: string): HTMLElement {
  const element = document.createElement('span');
  element.className = 'badge';
  element.textContent = text;
  return element;
}

export function divider(): HTMLElement {
  const element = document.createElement('vscode-divider');
  element.setAttribute('role', 'separator');
  return element;
}
