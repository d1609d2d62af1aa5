/**
 * Entities in a raw log line (before masking): the names an investigation can pin a failure on.
 * Extractors run from the most structured shape to the least, each claiming what it finds, so a
 * host inside a URL, an image or an ARN is not reported a second time as a bare name, and a file
 * or a class name never reaches the bare-host heuristics.
 */
import { extractArns } from './aws';
import { extractConfigKeys, extractEnvVars } from './config';
import { extractFiles } from './files';
import { extractBareHosts, extractBareIps, extractHostContexts, extractHostPorts } from './hosts';
import { extractImages, extractNodes, extractObjectRefs, extractPods } from './kubernetes';
import { extractMessaging } from './messaging';
import { Scan } from './scan';
import type { Entity } from './types';
import { extractKeywordDsn, extractUrls } from './urls';

export type { Entity, EntityType } from './types';
export { ENTITY_TYPES } from './types';

/** Lines longer than this are cut: a megabyte JSON blob is not one log line worth parsing. */
const MAX_LINE = 8192;

const EXTRACTORS: ((scan: Scan) => void)[] = [
  // Context-free names first: they read the whole line before anything is claimed.
  extractEnvVars,
  extractConfigKeys,
  extractMessaging,
  extractKeywordDsn,
  // Then shapes, most structured first.
  extractArns,
  extractUrls,
  extractImages,
  extractObjectRefs,
  extractNodes,
  extractPods,
  extractHostContexts,
  extractFiles,
  extractHostPorts,
  extractBareIps,
  extractBareHosts,
];

export function extractEntities(text: string): Entity[] {
  const scan = new Scan(text.length > MAX_LINE ? text.slice(0, MAX_LINE) : text);
  for (const extract of EXTRACTORS) extract(scan);
  return scan.entities;
}
