import type { DraftFields } from '../../src/shared/domain'

/**
 * A plain draft to one recipient. On its own (no imports at run time) so that the benchmarks'
 * core children can use it without loading the sandbox the other helpers start.
 */
export function draftFields(change: Partial<DraftFields> = {}): DraftFields {
  return {
    from: null,
    to: ['Grace Hopper <grace@example.com>'],
    cc: [],
    bcc: [],
    subject: 'Hello',
    html: '<p>Hello there</p>',
    text: '',
    ...change,
  }
}
