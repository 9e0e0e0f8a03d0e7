import { BoundedMap } from '@platform/sdk';
import type { MessageChannel } from '@platform/sdk/messaging';
import { compileContent, type CompiledContent } from './template-compiler.ts';
import { contentOf, type TemplateVersionRecord } from './template-record.ts';

/** Compiled versions by id: versions never change, so an entry never goes stale (only out, when unused). */
export class CompiledVersions {
  private readonly compiled = new BoundedMap<string, CompiledContent>(500);

  get(channel: MessageChannel, version: TemplateVersionRecord): CompiledContent {
    let found = this.compiled.get(version.id);
    if (!found) {
      found = compileContent(channel, contentOf(version));
      this.compiled.set(version.id, found);
    }
    return found;
  }
}
