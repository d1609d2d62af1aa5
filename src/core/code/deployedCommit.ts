/**
 * Deployed version → commit in the open repository. A task definition or ReplicaSet names the
 * code it runs through a commit variable (GIT_SHA, …) or its image tag: a sha
 * (`app:8e62d2f`), a sha inside a build tag (`app:main-8e62d2f`, `app:build-42-8e62d2fc`), or a
 * git tag (`app:v1.4.2`). Each candidate is tried against the repository in that order; the
 * first one git knows wins.
 */
import type { GitProvider } from '../../providers/types';
import type { CommitRef } from '../model';
import { type ContainerShape, tagOf } from '../engine/changes';
import { toCommitRef } from './suspects';

export interface DeployedCommit {
  commit: CommitRef;
  /** What named it, e.g. `GIT_SHA of app` or `image tag app:v1.4.2`. */
  source: string;
}

const COMMIT_ENV = /^(?:GIT_SHA|GIT_COMMIT|COMMIT_SHA|COMMIT|SOURCE_VERSION|SOURCE_COMMIT|REVISION|APP_VERSION|VERSION|BUILD_SHA)$/i;
/** Tags that name no particular version. */
const MOVING_TAGS = new Set(['latest', 'stable', 'main', 'master', 'prod', 'production', 'staging', 'dev', 'edge', 'nightly']);
const MAX_CANDIDATES = 12;

/** Candidate refs with where they came from, most specific first. */
export function deployedRefCandidates(containers: readonly ContainerShape[]): { ref: string; source: string }[] {
  const out: { ref: string; source: string }[] = [];
  const add = (ref: string | undefined, source: string) => {
    if (ref && /^[\w][\w.\-/]{0,127}$/.test(ref) && !out.some((candidate) => candidate.ref === ref)) out.push({ ref, source });
  };
  for (const container of containers) {
    for (const variable of container.env) if (COMMIT_ENV.test(variable.name)) add(variable.value?.trim(), `${variable.name} of ${container.name}`);
  }
  for (const container of containers) {
    const image = tagOf(container.image);
    const colon = image.indexOf(':');
    const tag = colon < 0 ? '' : image.slice(colon + 1).replace(/@sha256:.*$/, '');
    if (!tag || MOVING_TAGS.has(tag.toLowerCase())) continue;
    for (const sha of tag.match(/(?<![0-9a-f])[0-9a-f]{7,40}(?![0-9a-f])/gi) ?? []) if (/[a-f]/i.test(sha)) add(sha, `image tag ${image}`);
    add(tag, `image tag ${image}`);
  }
  return out.slice(0, MAX_CANDIDATES);
}

export async function resolveDeployedCommit(containers: readonly ContainerShape[], git: Pick<GitProvider, 'getCommit'>, signal?: AbortSignal): Promise<DeployedCommit | undefined> {
  for (const { ref, source } of deployedRefCandidates(containers)) {
    const commit = await git.getCommit(ref, signal);
    if (commit) return { commit: toCommitRef(commit), source };
  }
  return undefined;
}
