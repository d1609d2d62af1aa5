/**
 * The subset of CloudWatch Logs filter-pattern syntax the emulator understands, for
 * unstructured events:
 *
 *   ERROR Exception      every term must appear (case-sensitive substring)
 *   "heap out of memory" a quoted phrase, spaces and punctuation included
 *   ?ERROR ?FATAL        at least one `?` term must appear
 *   -healthcheck         the term must not appear (also `-"quoted phrase"`)
 *   %regex%              the whole pattern is a regular expression
 *
 * JSON (`{ $.level = … }`) and space-delimited (`[ip, user, …]`) patterns are refused with an
 * error rather than silently matching nothing, so a test never passes on a misunderstanding.
 */

export class FilterPatternError extends Error {}

interface Term {
  mode: 'all' | 'any' | 'none';
  text: string;
}

function tokenize(pattern: string): Term[] {
  const terms: Term[] = [];
  let i = 0;
  while (i < pattern.length) {
    if (/\s/.test(pattern[i])) {
      i++;
      continue;
    }
    let mode: Term['mode'] = 'all';
    if (pattern[i] === '?' || pattern[i] === '-') {
      mode = pattern[i] === '?' ? 'any' : 'none';
      i++;
    }
    let text = '';
    if (pattern[i] === '"') {
      i++;
      let closed = false;
      while (i < pattern.length) {
        const char = pattern[i];
        if (char === '\\' && i + 1 < pattern.length) {
          text += pattern[i + 1];
          i += 2;
          continue;
        }
        i++;
        if (char === '"') {
          closed = true;
          break;
        }
        text += char;
      }
      if (!closed) throw new FilterPatternError(`unterminated quoted term in filter pattern: ${pattern}`);
    } else {
      while (i < pattern.length && !/\s/.test(pattern[i])) text += pattern[i++];
    }
    if (text === '') throw new FilterPatternError(`empty term in filter pattern: ${pattern}`);
    terms.push({ mode, text });
  }
  return terms;
}

/** Compiles a pattern into a predicate over event messages. Throws FilterPatternError. */
export function compileFilterPattern(pattern: string | undefined): (message: string) => boolean {
  const trimmed = (pattern ?? '').trim();
  if (trimmed === '') return () => true;
  if (trimmed.startsWith('{')) throw new FilterPatternError('JSON filter patterns ({ $.field … }) are not supported by the sandbox');
  if (trimmed.startsWith('[')) throw new FilterPatternError('space-delimited filter patterns ([a, b, …]) are not supported by the sandbox');
  if (trimmed.length > 2 && trimmed.startsWith('%') && trimmed.endsWith('%')) {
    let regex: RegExp;
    try {
      regex = new RegExp(trimmed.slice(1, -1));
    } catch (error) {
      throw new FilterPatternError(`invalid regular expression in filter pattern: ${(error as Error).message}`);
    }
    return (message) => regex.test(message);
  }
  const terms = tokenize(trimmed);
  const all = terms.filter((term) => term.mode === 'all').map((term) => term.text);
  const any = terms.filter((term) => term.mode === 'any').map((term) => term.text);
  const none = terms.filter((term) => term.mode === 'none').map((term) => term.text);
  return (message) =>
    all.every((text) => message.includes(text)) &&
    (any.length === 0 || any.some((text) => message.includes(text))) &&
    !none.some((text) => message.includes(text));
}
