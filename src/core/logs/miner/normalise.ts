/**
 * Template normalisation to the corrected Loghub convention (Khan et al., ICSE'22, as used by
 * loghub-2k "corrected"): whitespace collapsed, path-like tokens, all-digit tokens and
 * true/false/null become `<*>`, adjacent `<*>` merge (`<*><*>`, `<*>.<*>` and, as in most
 * corrected sets, `<*> <*>`). Applied to every template the miner prints, so templates from
 * different runs and sources compare as strings.
 */
import { mergeWildcards, WILDCARD } from './mask';

const PATH_DELIMITERS = /([\s,!;:=|"'[\](){}])/;
const PATH = /^(?:\/[^/]+)+\/?$/;
const TOKEN_DELIMITERS = /([\s,!;:=|"'[\](){}.\-+@#$%&])/;
const KEYWORD = /^(?:true|false|null)$/i;

export function normaliseTemplate(template: string): string {
  let out = template.trim().replace(/\s+/g, ' ');
  out = out
    .split(PATH_DELIMITERS)
    .map((piece) => (PATH.test(piece) ? WILDCARD : piece))
    .join('');
  out = out
    .split(TOKEN_DELIMITERS)
    .map((piece) => (/^\d+$/.test(piece) || KEYWORD.test(piece) ? WILDCARD : piece))
    .join('');
  return collapseSpaced(mergeWildcards(out));
}

/** `<*> <*>` → `<*>`, repeatedly. */
function collapseSpaced(text: string): string {
  let out = text;
  for (;;) {
    const next = out.replace(/<\*>(?: <\*>)+/g, WILDCARD);
    if (next === out) return out;
    out = mergeWildcards(next);
  }
}
