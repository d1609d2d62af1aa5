/**
 * Field schemas shared by the scenario sections (scenario.ts for AWS/git, k8sScenario.ts for
 * Kubernetes). They live apart from scenario.ts so the Kubernetes section can reuse them
 * without a circular import.
 */
import { z } from 'zod';
import { parseTemplate, TemplateError } from './logTemplate';

export const IsoDate = z.iso.datetime({ offset: true });
export const Name = z.string().min(1);
export const Count = z.number().int().min(0);

/** A log line template (see logTemplate.ts); validated here so a typo fails at load time. */
export const Template = z.string().superRefine((template, ctx) => {
  try {
    parseTemplate(template);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    ctx.addIssue({ code: 'custom', message: error.message });
  }
});

/**
 * One event every `everySeconds` from `from` (inclusive) to `to` (exclusive), each shifted by
 * a deterministic jitter in [0, jitterSeconds). `stream` may be a template too (e.g. `{pick:…}`).
 */
export const LogGeneratorSchema = z
  .object({
    template: Template,
    from: IsoDate,
    to: IsoDate,
    everySeconds: z.number().positive(),
    jitterSeconds: z.number().min(0).default(0),
    stream: Template.optional(),
  })
  .superRefine((generator, ctx) => {
    const from = Date.parse(generator.from);
    const to = Date.parse(generator.to);
    if (!(to > from)) ctx.addIssue({ code: 'custom', path: ['to'], message: '`to` must be after `from`' });
    else if ((to - from) / (generator.everySeconds * 1000) > 2_000_000) {
      ctx.addIssue({ code: 'custom', path: ['everySeconds'], message: 'more than 2,000,000 events from one generator' });
    }
  });
